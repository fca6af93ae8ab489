package org.apache.kylin.rest.asyncquery.store;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The secret that signs download links when none is configured: {@code async_query_result/_download_link.key} in
 * the working directory, so that a link one server signs is valid on every server sharing it. The first server
 * makes it (32 bytes from {@link SecureRandom}, owner-only), every later one and every restart reads it.
 *
 * <p>Two servers starting at once both end up with the file that landed first: the key is written whole under a
 * temporary name and then published without overwriting, by a rename on HDFS (the NameNode refuses to rename onto
 * an existing file) and by a hard link on a local disk (which refuses an existing name). Hadoop's
 * {@code create(overwrite=false)} would not do on a local disk, where it checks and then creates, and a reader
 * could find the file before its bytes.
 */
public final class DownloadLinkKeyFile {
    static final int KEY_BYTES = 32;
    /** Owner-only whatever kylin.query.async.file-permission says: a reader of the key could forge links. */
    private static final short KEY_PERMISSION = 0600;
    private static final int MAX_FILE_BYTES = 1024;

    private final FileSystem fs;
    private final QueryLayout layout;
    private final OwnedFiles files;
    private final SecureRandom random;

    public DownloadLinkKeyFile(FileSystem fs, Path workingDir) {
        this(fs, workingDir, new SecureRandom());
    }

    DownloadLinkKeyFile(FileSystem fs, Path workingDir, SecureRandom random) {
        this.fs = requireNonNull(fs, "fs is null");
        this.layout = new QueryLayout(fs.makeQualified(requireNonNull(workingDir, "workingDir is null")));
        this.files = new OwnedFiles(fs, KEY_PERMISSION);
        this.random = requireNonNull(random, "random is null");
    }

    /**
     * The key in the file, made first if there is none yet.
     *
     * @throws MalformedStoredFileException the file holds no key of at least 32 bytes
     * @throws StorageUnavailableException the file could not be read or made
     */
    public byte[] readOrCreate() {
        Path file = layout.linkKey();
        Optional<byte[]> key = read(file);
        if (key.isPresent()) {
            return key.get();
        }
        publish(file);
        return read(file).orElseThrow(() -> new StorageUnavailableException(file, "The key file " + file
                + " was made but cannot be found"));
    }

    /** Where the key is, for messages. */
    public String location() {
        return layout.linkKey().toString();
    }

    private void publish(Path file) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        byte[] text = (Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        Path temp = new Path(file.getParent(), QueryLayout.TEMP_PREFIX + file.getName() + "." + UUID.randomUUID());
        try {
            files.mkdirs(layout.root(), layout.root());
            try (OutputStream out = files.createInExistingDir(temp, false)) {
                out.write(text);
            }
            if (files.isLocal()) {
                linkLocally(temp, file);
            } else if (!fs.rename(temp, file) && !fs.exists(file)) {
                throw new StorageUnavailableException(file, "Could not rename " + temp + " to " + file);
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("write", file, e);
        } finally {
            try {
                fs.delete(temp, false);
            } catch (IOException e) {
                // a stray temporary file holds a key nobody uses; the next start-up is not disturbed by it
            }
        }
    }

    /** Publishes {@code temp} as {@code file} unless that exists: a hard link fails on an existing name. */
    private static void linkLocally(Path temp, Path file) throws IOException {
        try {
            Files.createLink(Paths.get(file.toUri()), Paths.get(temp.toUri()));
        } catch (FileAlreadyExistsException lostTheRace) {
            // another server made it first; everyone uses that one
        }
    }

    private Optional<byte[]> read(Path file) {
        byte[] content;
        try (InputStream in = fs.open(file)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[MAX_FILE_BYTES];
            int n;
            while ((n = in.read(buffer)) > 0 && bytes.size() <= MAX_FILE_BYTES) {
                bytes.write(buffer, 0, n);
            }
            content = bytes.toByteArray();
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageUnavailableException("read", file, e);
        }
        try {
            byte[] key = Base64.getUrlDecoder().decode(new String(content, StandardCharsets.US_ASCII).trim());
            if (key.length >= KEY_BYTES && content.length <= MAX_FILE_BYTES) {
                return Optional.of(key);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw MalformedStoredFileException.in(file.toString(), new IllegalArgumentException(
                "it holds no key of at least " + KEY_BYTES + " bytes in base64url; delete it to have a new key made "
                        + "(links signed with the old one stop working)"));
    }
}
