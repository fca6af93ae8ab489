package org.apache.kylin.rest.asyncquery.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A result file being written under a hidden name. {@link #commit} makes it visible by one rename and checks
 * what landed; closing without a commit deletes it, so a half-written result is never served. Its stream's writes
 * may throw IOException, as any stream's do; its own methods throw a {@link StoreException}.
 */
public final class PendingResult implements AutoCloseable {
    private final FileSystem fs;
    private final Path writing;
    private final Path target;
    private final FSDataOutputStream out;
    private final OutputStream unclosable;
    private boolean streamClosed;
    private boolean committed;

    PendingResult(FileSystem fs, Path writing, Path target, FSDataOutputStream out) {
        this.fs = fs;
        this.writing = writing;
        this.target = target;
        this.out = out;
        // Writers may wrap and close their own streams; closing the file is this class's job.
        this.unclosable = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** The stream to write the result to. */
    public OutputStream stream() {
        return unclosable;
    }

    /** Bytes written so far. Only for the writing thread: a stream's position is not safe to read from another. */
    private long bytesWritten() {
        return out.getPos();
    }

    /** Closes the file, renames it to its visible name and verifies its length; returns that length. */
    public long commit() {
        long expected = bytesWritten();
        try {
            closeStream();
            if (!fs.rename(writing, target)) {
                throw new StorageUnavailableException(target, "Could not rename " + writing + " to " + target);
            }
            committed = true;
            long landed = fs.getFileStatus(target).getLen();
            if (landed != expected) {
                throw new StorageUnavailableException(target,
                        "Result file " + target + " has " + landed + " bytes; " + expected + " were written");
            }
            return landed;
        } catch (IOException e) {
            throw new StorageUnavailableException("commit", target, e);
        }
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            closeStream();
        } catch (IOException e) {
            // Abandoning the file: a failed write's stream often fails to close too, with the same error.
        } finally {
            deleteWriting();
        }
    }

    private void deleteWriting() {
        try {
            fs.delete(writing, false);
        } catch (IOException e) {
            throw new StorageUnavailableException("delete", writing, e);
        }
    }

    private void closeStream() throws IOException {
        if (!streamClosed) {
            streamClosed = true;
            out.close();
        }
    }
}
