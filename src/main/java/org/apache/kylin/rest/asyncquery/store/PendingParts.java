package org.apache.kylin.rest.asyncquery.store;

import static java.util.Objects.requireNonNull;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;

/**
 * A hidden folder in the query's folder where a distributed writer (Spark's executors) writes a result as part
 * files. {@link #commit} renames the parts, in partition order, to the query's ordered result files, between a
 * head and a tail file the server writes itself; closing without a commit removes the folder and everything in it,
 * so a failed or cancelled write leaves nothing visible. Its methods throw a {@link StoreException}.
 */
public final class PendingParts implements AutoCloseable {
    /** Spark's part file names: {@code part-00000-<uuid>-c000.csv}; the number is the partition's. */
    private static final Pattern PART = Pattern.compile("part-(\\d+)(?:[-.].*)?");

    private final FileSystem fs;
    private final OwnedFiles files;
    private final Path queryDir;
    private final Path folder;
    private final String resultName;
    private final String extension;
    private boolean committed;

    PendingParts(FileSystem fs, OwnedFiles files, Path queryDir, Path folder, String resultName, String extension) {
        this.fs = requireNonNull(fs, "fs is null");
        this.files = requireNonNull(files, "files is null");
        this.queryDir = requireNonNull(queryDir, "queryDir is null");
        this.folder = requireNonNull(folder, "folder is null");
        this.resultName = requireNonNull(resultName, "resultName is null");
        this.extension = requireNonNull(extension, "extension is null");
    }

    /** The fully qualified URI of the folder to write the parts into; it does not exist yet. */
    public String folder() {
        return folder.toString();
    }

    /** The part files written, in partition order; Spark's own bookkeeping (_SUCCESS, .crc) left out. */
    public List<ResultFile> parts() {
        FileStatus[] listed;
        try {
            listed = fs.listStatus(folder);
        } catch (FileNotFoundException e) {
            throw QueryFolderGoneException.folder(folder, e);
        } catch (IOException e) {
            throw new StorageUnavailableException("list", folder, e);
        }
        List<ResultFile> parts = new ArrayList<>();
        for (FileStatus status : listed) {
            if (status.isFile() && PART.matcher(status.getPath().getName()).matches()) {
                parts.add(new ResultFile(status.getPath(), status.getLen()));
            }
        }
        parts.sort(Comparator.comparingLong(PendingParts::partNumber).thenComparing(ResultFile::name));
        return Collections.unmodifiableList(parts);
    }

    /** Reads a part from {@code offset}; the caller closes the stream. */
    public InputStream open(ResultFile part, long offset) {
        try {
            FSDataInputStream in = fs.open(part.path());
            if (offset > 0) {
                in.seek(offset);
            }
            return in;
        } catch (IOException e) {
            throw new StorageUnavailableException("open", part.path(), e);
        }
    }

    /**
     * Makes the parts the query's result: {@code head} as its first file, then the non-empty parts in partition
     * order, then {@code tail}, each empty one left out. {@code trimLastBytes} bytes are cut from the end of the
     * last non-empty part first (a JSON array's trailing comma), by copying that one part. Returns the result's
     * size in bytes. The folder is removed.
     */
    public long commit(byte[] head, byte[] tail, int trimLastBytes) {
        List<ResultFile> parts = new ArrayList<>();
        for (ResultFile part : parts()) {
            if (part.size() > 0) {
                parts.add(part);
            }
        }
        if (trimLastBytes > 0 && !parts.isEmpty()) {
            parts.set(parts.size() - 1, trimmed(parts.get(parts.size() - 1), trimLastBytes));
        }
        long total = 0;
        int index = 0;
        try {
            if (head.length > 0) {
                total += writeSmall(resultPath(index++), head);
            }
            for (ResultFile part : parts) {
                Path target = resultPath(index++);
                if (!fs.rename(part.path(), target)) {
                    if (!fs.exists(queryDir)) {
                        throw QueryFolderGoneException.folder(queryDir, null);
                    }
                    throw new StorageUnavailableException(target, "Could not rename " + part.path() + " to " + target);
                }
                files.restrict(target);
                total += part.size();
            }
            if (tail.length > 0) {
                total += writeSmall(resultPath(index), tail);
            }
        } catch (FileNotFoundException e) {
            throw QueryFolderGoneException.folder(queryDir, e);
        } catch (IOException e) {
            throw new StorageUnavailableException("commit", queryDir, e);
        }
        committed = true;
        deleteFolder();
        return total;
    }

    /**
     * Makes one file the server wrote itself from the parts (a merge that needs them whole) the query's result,
     * and removes the folder.
     */
    public void committedElsewhere() {
        committed = true;
        deleteFolder();
    }

    /** Removes the folder and everything in it, unless committed (then it is gone already). */
    @Override
    public void close() {
        if (!committed) {
            deleteFolder();
        }
    }

    private ResultFile trimmed(ResultFile part, int bytes) {
        long keep = Math.max(0, part.size() - bytes);
        Path copy = new Path(folder, "_trimmed." + part.name());
        try (InputStream in = fs.open(part.path()); FSDataOutputStream out = files.createInExistingDir(copy, true)) {
            IOUtils.copyBytes(in, out, keep, false);
        } catch (IOException e) {
            throw new StorageUnavailableException("trim", part.path(), e);
        }
        return new ResultFile(copy, keep);
    }

    private long writeSmall(Path target, byte[] bytes) throws IOException {
        try (OutputStream out = files.createInExistingDir(target, false)) {
            out.write(bytes);
        }
        return bytes.length;
    }

    /** {@code result-000000001.csv}: nine digits, so that name order is partition order. */
    private Path resultPath(int index) {
        return new Path(queryDir, String.format(Locale.ROOT, "%s-%09d.%s", resultName, index, extension));
    }

    private void deleteFolder() {
        try {
            fs.delete(folder, true);
        } catch (IOException e) {
            throw new StorageUnavailableException("delete", folder, e);
        }
    }

    private static long partNumber(ResultFile part) {
        Matcher matcher = PART.matcher(part.name());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
    }
}
