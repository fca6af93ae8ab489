package org.apache.kylin.rest.asyncquery.store;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;

/**
 * A SUCCESSFUL query's committed result: an ordered list of one or more files that read as one, from any byte
 * offset. Its size is the byte count its outcome recorded, so asking for it lists no folder; the files themselves
 * are listed only when they are read or pinned. Each call that reads or pins may throw a {@link StoreException}.
 */
public final class StoredResult {
    private final ResultStore store;
    private final QueryId id;
    private final long size;
    // Listed on first need, then kept: a committed result never changes. Guarded by this.
    private List<ResultFile> files;

    /** A result whose size is known without listing its files. */
    StoredResult(ResultStore store, QueryId id, long size) {
        this.store = requireNonNull(store, "store is null");
        this.id = requireNonNull(id, "id is null");
        this.size = size;
    }

    /** A result whose files were just listed. */
    StoredResult(ResultStore store, QueryId id, List<ResultFile> files) {
        this(store, id, total(files));
        this.files = Collections.unmodifiableList(new ArrayList<>(files));
    }

    public QueryId queryId() {
        return id;
    }

    /** The total size of its files in bytes. */
    public long size() {
        return size;
    }

    /**
     * Its files in the order they are read. Listed once; files that do not add up to the recorded size are
     * refused rather than read: as gone ({@link QueryFolderGoneException}) when the query was deleted while they
     * were listed, else as damaged ({@link MalformedStoredFileException}).
     */
    public synchronized List<ResultFile> files() {
        if (files == null) {
            List<ResultFile> listed = store.committedFiles(id);
            if (total(listed) != size) {
                // A delete renames the folder away; a listing that raced it misses the files already gone.
                store.requireFolder(id);
                throw MalformedStoredFileException.sizeMismatch(store.queryPath(id), size, total(listed));
            }
            files = listed;
        }
        return files;
    }

    /**
     * What identifies these bytes, for a strong entity tag: a committed result never changes, so its query and
     * size do.
     */
    public String etagBasis() {
        return id + "-" + size;
    }

    /**
     * Its bytes from byte {@code offset} of the files' concatenation; the caller closes the stream. Files wholly
     * before the offset are never opened, and the first one read is positioned by a seek, not by reading through
     * it. The first file is opened here, so a query deleted meanwhile is refused now ({@link
     * QueryFolderGoneException}), before anything has been sent; the stream's reads may throw IOException.
     */
    public InputStream open(long offset) {
        List<ResultFile> all = files();
        long skip = offset;
        int first = 0;
        while (first < all.size() && skip >= all.get(first).size()) {
            skip -= all.get(first).size();
            first++;
        }
        if (first == all.size()) {
            return new ByteArrayInputStream(new byte[0]);
        }
        InputStream head = store.openFirst(all.get(first), skip);
        return new ResultInputStream(head, all.subList(first + 1, all.size()).iterator(), store::openResultFile);
    }

    /**
     * A name on this machine's disk for its bytes that stays readable for the next minute even if the query is
     * deleted meanwhile, for a web server that opens the file by name after the request handler has returned
     * (Tomcat's sendfile). Empty when the result is not one file on a local disk, or the disk cannot link; the
     * caller then streams it. Each call pins anew.
     */
    public Optional<File> pinForSending(long nowMillis) {
        List<ResultFile> all = files();
        return all.size() == 1 ? store.pin(all.get(0), nowMillis) : Optional.empty();
    }

    private static long total(List<ResultFile> files) {
        long total = 0;
        for (ResultFile file : files) {
            total += file.size();
        }
        return total;
    }

    @Override
    public String toString() {
        return "result of " + id + " (" + size + " bytes)";
    }
}
