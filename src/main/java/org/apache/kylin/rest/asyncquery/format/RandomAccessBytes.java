package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;
import java.io.InputStream;

/** A file's bytes, readable from any position: how a merge reads the parts it joins. */
public interface RandomAccessBytes {
    long length();

    /** A stream of the bytes from {@code position}; the caller closes it. */
    InputStream openAt(long position) throws IOException;
}
