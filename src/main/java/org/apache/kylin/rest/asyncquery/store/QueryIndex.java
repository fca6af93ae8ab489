package org.apache.kylin.rest.asyncquery.store;

import static java.util.Objects.requireNonNull;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small pointers from a user's name for a query to the query's ID, beside the query folders in the shared working
 * directory, so that every server finds them without reading every record: {@code _requests/} (client request
 * IDs) and {@code _reuse/} (what a reusable request looks like). Each entry is one file named by the hash of its
 * owner and name, so a name never becomes a path and one user's names never meet another's.
 *
 * <p>An entry is written whole under a temporary name and then placed. {@link #claim} places it only if the name
 * is free, atomically across servers: on HDFS the NameNode refuses to rename onto an existing file; on a local
 * file system a hard link, which the kernel refuses when the name exists. An entry says nothing about its query's
 * state: readers check the query's own record, and remove entries whose query is gone with {@link #release}.
 *
 * <p>Thread-safe: it keeps no state of its own.
 */
public final class QueryIndex {
    private static final Logger LOG = LoggerFactory.getLogger(QueryIndex.class);
    /** A claim lost to an entry that is released before it can be read is tried again, a few times. */
    private static final int CLAIM_ATTEMPTS = 3;

    /** The two indexes. */
    public enum Kind {
        /** A client request ID: a retry of a submit answers the query its first attempt started. */
        REQUEST_KEY(QueryLayout.REQUESTS),
        /** A reusable request: the newest query submitted with it. */
        REUSE(QueryLayout.REUSE);

        private final String folder;

        Kind(String folder) {
            this.folder = folder;
        }
    }

    private final FileSystem fs;
    private final QueryLayout layout;
    private final OwnedFiles files;

    public QueryIndex(FileSystem fs, org.apache.hadoop.fs.Path workingDir, short filePermission) {
        this.fs = requireNonNull(fs, "fs is null");
        this.layout = new QueryLayout(fs.makeQualified(requireNonNull(workingDir, "workingDir is null")));
        this.files = new OwnedFiles(fs, filePermission);
    }

    /**
     * Points {@code owner}'s {@code name} at {@code queryId} unless the name already points somewhere; of two
     * servers claiming one name at once, exactly one wins. Returns the entry that stands: this one when it won.
     *
     * @throws StorageUnavailableException nothing could be placed, and no entry is there
     */
    public IndexEntry claim(Kind kind, String owner, String name, QueryId queryId, long nowMillis) {
        Path target = entryPath(kind, owner, name);
        byte[] content = IndexEntryParser.toJson(queryId, owner, nowMillis);
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Path temp = writeTemp(kind, content);
            try {
                if (place(temp, target)) {
                    return new IndexEntry(kind, target.getName(), queryId, owner, nowMillis);
                }
            } catch (IOException e) {
                throw new StorageUnavailableException("claim", target, e);
            } finally {
                deleteQuietly(temp);
            }
            // Lost to another claim: answer what stands, unless it was released again in the meantime.
            Optional<IndexEntry> standing = read(kind, target);
            if (standing.isPresent()) {
                return standing.get();
            }
        }
        throw new StorageUnavailableException(target, "Could not claim " + target + ": it kept changing");
    }

    /** Points {@code owner}'s {@code name} at {@code queryId}, replacing what was there (the newest wins). */
    public void put(Kind kind, String owner, String name, QueryId queryId, long nowMillis) {
        Path target = entryPath(kind, owner, name);
        Path temp = writeTemp(kind, IndexEntryParser.toJson(queryId, owner, nowMillis));
        try {
            // Readers may miss the entry for a moment between the delete and the placing: it is only an index.
            fs.delete(target, false);
            if (!place(temp, target)) {
                LOG.debug("Another server replaced {} at the same moment; its entry stands", target);
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("replace", target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** The entry for {@code owner}'s {@code name}, or empty. */
    public Optional<IndexEntry> find(Kind kind, String owner, String name) {
        return read(kind, entryPath(kind, owner, name));
    }

    /**
     * Removes the entry if it still points at the query it pointed at when it was read; returns whether it did.
     * There is no compare-and-delete on HDFS, so the entry is first renamed away (only one remover gets it), then
     * checked: an entry claimed anew in between is put back.
     */
    public boolean release(IndexEntry entry) {
        Path target = new Path(layout.index(entry.kind().folder), entry.fileName());
        Path taken = new Path(target.getParent(), QueryLayout.TEMP_PREFIX + "gone." + UUID.randomUUID());
        try {
            if (!renameIfThere(target, taken)) {
                return false;
            }
            Optional<IndexEntry> took = read(entry.kind(), taken);
            if (!took.isPresent() || took.get().queryId().equals(entry.queryId())) {
                return true;
            }
            if (!place(taken, target)) {
                LOG.warn("Index entry {} was claimed twice while it was released; the newer claim stands", target);
            }
            return false;
        } catch (IOException e) {
            throw new StorageUnavailableException("release", target, e);
        } finally {
            deleteQuietly(taken);
        }
    }

    /** Every entry of the index, for the cleaner; entries that cannot be read are left out. */
    public List<IndexEntry> list(Kind kind) {
        Path dir = layout.index(kind.folder);
        FileStatus[] statuses;
        try {
            statuses = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return Collections.emptyList();
        } catch (IOException e) {
            throw new StorageUnavailableException("list", dir, e);
        }
        List<IndexEntry> entries = new ArrayList<>();
        for (FileStatus status : statuses) {
            String fileName = status.getPath().getName();
            if (status.isFile() && !fileName.startsWith("_") && !fileName.startsWith(".")) {
                try {
                    read(kind, status.getPath()).ifPresent(entries::add);
                } catch (StoreException e) {
                    LOG.warn("Skipping index entry {}: {}", status.getPath(), e.getMessage());
                }
            }
        }
        return entries;
    }

    /**
     * Places {@code temp} at {@code target} unless {@code target} exists; returns false when it does. On HDFS a
     * rename does this atomically; a local rename would overwrite, so there a hard link does it.
     */
    private boolean place(Path temp, Path target) throws IOException {
        if (files.isLocal()) {
            try {
                Files.createLink(Paths.get(target.toUri()), Paths.get(temp.toUri()));
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        if (fs.rename(temp, target)) {
            return true;
        }
        if (!fs.exists(target)) {
            throw new IOException("Could not rename " + temp + " to " + target);
        }
        return false;
    }

    /** Renames {@code from} to {@code to}; false when {@code from} is not there (someone else took it). */
    private boolean renameIfThere(Path from, Path to) throws IOException {
        try {
            if (fs.rename(from, to)) {
                return true;
            }
        } catch (FileNotFoundException | NoSuchFileException e) {
            return false;
        }
        if (fs.exists(from)) {
            throw new IOException("Could not rename " + from + " to " + to);
        }
        return false;
    }

    private Path writeTemp(Kind kind, byte[] content) {
        Path dir = layout.index(kind.folder);
        Path temp = new Path(dir, QueryLayout.TEMP_PREFIX + UUID.randomUUID());
        try {
            files.mkdirs(dir, layout.root());
            try (OutputStream out = files.createInExistingDir(temp, false)) {
                out.write(content);
            }
            return temp;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new StorageUnavailableException("write", temp, e);
        }
    }

    private Optional<IndexEntry> read(Kind kind, Path file) {
        try (InputStream in = fs.open(file)) {
            return Optional.of(IndexEntryParser.fromJson(kind, file.getName(), in));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (MalformedStoredFileException | JsonProcessingException e) {
            throw MalformedStoredFileException.in(file.toString(), e);
        } catch (IOException e) {
            throw new StorageUnavailableException("read", file, e);
        }
    }

    private Path entryPath(Kind kind, String owner, String name) {
        requireNonNull(owner, "owner is null");
        requireNonNull(name, "name is null");
        return new Path(layout.index(kind.folder), sha256Hex(owner + '\u0000' + name));
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(digest.length * 2);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private void deleteQuietly(Path file) {
        try {
            fs.delete(file, false);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not delete {}", file, e);
        }
    }
}
