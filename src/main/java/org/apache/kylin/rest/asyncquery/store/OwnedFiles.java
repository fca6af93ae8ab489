package org.apache.kylin.rest.asyncquery.store;

import static java.util.Objects.requireNonNull;

import java.io.FileNotFoundException;
import java.io.IOException;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Creates the working directory's files and folders with the configured permission (owner-only by default), on
 * HDFS and on the local file system alike: a query's folder holds its SQL and its result.
 */
final class OwnedFiles {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OwnedFiles.class);
    private static final int BUFFER_BYTES = 64 * 1024;

    private final FileSystem fs;
    private final FsPermission filePermission;
    private final FsPermission folderPermission;

    OwnedFiles(FileSystem fs, short filePermission) {
        this.fs = requireNonNull(fs, "fs is null");
        this.filePermission = new FsPermission(filePermission);
        this.folderPermission = new FsPermission(folderBits(filePermission));
    }

    /** The folder bits for a file permission: x wherever r is, so whoever may read may also list. */
    static short folderBits(short fileBits) {
        int bits = fileBits & 0777;
        return (short) (bits | ((bits & 0444) >> 2));
    }

    /**
     * Creates {@code dir}, and any missing parent up to {@code top}, with the folder permission; folders already
     * there are left as they are.
     */
    void mkdirs(Path dir, Path top) throws IOException {
        if (fs.exists(dir)) {
            return;
        }
        if (!dir.equals(top) && dir.getParent() != null) {
            mkdirs(dir.getParent(), top);
        }
        if (!fs.mkdirs(dir, folderPermission) && !fs.isDirectory(dir)) {
            throw new IOException("Could not create " + dir);
        }
        // mkdirs applies the process umask; the configured bits are what we promise.
        fs.setPermission(dir, folderPermission);
    }

    /** Creates {@code file} in a folder that must exist; a missing folder is a {@link FileNotFoundException}. */
    FSDataOutputStream createInExistingDir(Path file, boolean overwrite) throws IOException {
        FSDataOutputStream out = fs.createNonRecursive(file, filePermission, overwrite, BUFFER_BYTES,
                fs.getDefaultReplication(file), fs.getDefaultBlockSize(file), null);
        if (isLocal()) {
            // The local file system creates with the process umask (and a checksum file beside it); set both.
            try {
                fs.setPermission(file, filePermission);
            } catch (IOException | RuntimeException e) {
                out.close();
                throw e;
            }
        }
        return out;
    }

    /**
     * Gives a file another process wrote (a Spark executor, with its own umask) the configured bits. Best effort:
     * the query's folder, which this server created with the folder bits, already keeps others out.
     */
    void restrict(Path file) {
        try {
            fs.setPermission(file, filePermission);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not set the permission of {} to {}", file, filePermission, e);
        }
    }

    boolean isLocal() {
        return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
    }
}
