package org.apache.kylin.rest.asyncquery.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * One stream over a result's files in order, opening each only when the one before is used up. The first is
 * opened by whoever makes this stream, so that a result deleted meanwhile is refused before anything is sent; a
 * later one that cannot be opened fails the read, as any stream's read fails, naming the file.
 */
final class ResultInputStream extends InputStream {
    /** Opens one of the result's files, positioned at byte {@code seek} of it. */
    interface Opener {
        InputStream open(ResultFile file, long seek) throws IOException;
    }

    private final Iterator<ResultFile> remaining;
    private final Opener opener;
    private InputStream current;

    /** @param first the first file to read, already open and positioned */
    ResultInputStream(InputStream first, Iterator<ResultFile> remaining, Opener opener) {
        this.current = requireNonNull(first, "first is null");
        this.remaining = requireNonNull(remaining, "remaining is null");
        this.opener = requireNonNull(opener, "opener is null");
    }

    @Override
    public int read() throws IOException {
        while (current != null) {
            int b = current.read();
            if (b >= 0) {
                return b;
            }
            next();
        }
        return -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (current != null) {
            int n = current.read(buffer, offset, length);
            if (n > 0) {
                return n;
            }
            if (n < 0) {
                next();
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            InputStream closing = current;
            current = null;
            closing.close();
        }
    }

    private void next() throws IOException {
        current.close();
        current = null;
        if (remaining.hasNext()) {
            ResultFile file = remaining.next();
            try {
                current = opener.open(file, 0);
            } catch (IOException e) {
                throw new IOException("Could not open result file " + file.path(), e);
            }
        }
    }
}
