package org.apache.kylin.rest.asyncquery.store;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FsStatus;
import org.apache.hadoop.fs.Path;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryProgress;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that knows where a query's files live. Everything goes through Hadoop's {@link FileSystem}, so the
 * working directory may be {@code file:} or {@code hdfs:}; every file becomes visible by a rename, so a reader on
 * any server sees either nothing or the whole file. Nothing of Hadoop leaves it: its methods fail with a {@link
 * StoreException} that names the path, and a committed result is handed out as a {@link StoredResult}.
 */
public final class ResultStore {
    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final long PIN_LIFETIME_MILLIS = 60_000;
    /** A result file's name before its extension: {@code result.csv}. Other servers and old folders expect it. */
    private static final String RESULT_NAME = "result";

    private static final int CACHED_QUERIES = 10_000;
    private static final long CACHED_BYTES = 32L * 1024 * 1024;
    private static final int LOCK_STRIPES = 64;
    /** Owner-only unless configured otherwise: a query's folder holds its SQL and its result. */
    public static final short DEFAULT_FILE_PERMISSION = 0600;

    private final FileSystem fs;
    private final QueryLayout layout;
    private final OwnedFiles files;
    private final WriteOnceCache<QueryRecord> records = new WriteOnceCache<>(CACHED_QUERIES, CACHED_BYTES,
            record -> 200 + WriteOnceCache.weightOf(record.sql()) + WriteOnceCache.weightOf(record.project())
                    + WriteOnceCache.weightOf(record.owner()));
    private final WriteOnceCache<QueryOutcome> outcomes = new WriteOnceCache<>(CACHED_QUERIES, CACHED_BYTES,
            outcome -> 100 + WriteOnceCache.weightOf(outcome.info()));
    private final Object[] writeLocks = new Object[LOCK_STRIPES];

    public ResultStore(FileSystem fs, Path workingDir) {
        this(fs, workingDir, DEFAULT_FILE_PERMISSION);
    }

    /** @param filePermission the permission bits of every file written; folders also get x where they have r */
    public ResultStore(FileSystem fs, Path workingDir, short filePermission) {
        this.fs = requireNonNull(fs, "fs is null");
        this.layout = new QueryLayout(fs.makeQualified(requireNonNull(workingDir, "workingDir is null")));
        this.files = new OwnedFiles(fs, filePermission);
        for (int i = 0; i < writeLocks.length; i++) {
            writeLocks[i] = new Object();
        }
    }

    /** Creates the query's folder and its record. */
    public void create(QueryRecord record) {
        Path dir = layout.queryDir(record.queryId());
        mkdirs(layout.root());
        mkdirs(dir);
        writeNew(record.queryId(), QueryLayout.RECORD, RecordParser.toJson(record));
        records.put(record.queryId(), record);
    }

    /**
     * The query's record, or empty if the query is unknown or deleted. Records never change, so a cached one is
     * used after a cheap check (on HDFS, a NameNode call) that the folder still exists.
     */
    public Optional<QueryRecord> findRecord(QueryId id) {
        Optional<QueryRecord> cached = records.get(id);
        if (cached.isPresent()) {
            if (exists(id)) {
                return cached;
            }
            forget(id);
            return Optional.empty();
        }
        Optional<QueryRecord> read = read(id, QueryLayout.RECORD, RecordParser::fromJson);
        read.ifPresent(record -> records.put(id, record));
        return read;
    }

    /** The query's outcome, or empty while it has none. Outcomes never change once written, so they are cached. */
    public Optional<QueryOutcome> findOutcome(QueryId id) {
        Optional<QueryOutcome> cached = outcomes.get(id);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<QueryOutcome> read = read(id, QueryLayout.OUTCOME, OutcomeParser::fromJson);
        read.ifPresent(outcome -> outcomes.put(id, outcome));
        return read;
    }

    /**
     * Records how the query ended unless an outcome is already there: the first outcome wins, so a late success
     * cannot overwrite a cancellation. Returns whether this outcome was recorded.
     *
     * @throws QueryFolderGoneException the query was deleted
     * @throws StorageUnavailableException the outcome could not be written, so none was recorded: retry
     */
    public boolean recordOutcome(QueryId id, QueryOutcome outcome) {
        return writeOnce(id, QueryLayout.OUTCOME, OutcomeParser.toJson(outcome));
    }

    /**
     * Replaces the query's progress. Progress is advisory and rewritten on every heartbeat, so for a moment between
     * the delete and the rename a reader may find none; readers treat that as "not known yet".
     */
    public void writeProgress(QueryId id, QueryProgress progress) {
        Path target = layout.file(id, QueryLayout.PROGRESS);
        Path temp = layout.file(id, QueryLayout.TEMP_PREFIX + QueryLayout.PROGRESS + "." + UUID.randomUUID());
        writeSmallFile(temp, ProgressParser.toJson(progress));
        try {
            fs.delete(target, false);
            if (!fs.rename(temp, target)) {
                fs.delete(temp, false);
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("replace", target, e);
        }
    }

    public Optional<QueryProgress> findProgress(QueryId id) {
        return read(id, QueryLayout.PROGRESS, ProgressParser::fromJson);
    }

    public void writeColumns(QueryId id, List<ColumnMeta> columns) {
        writeNew(id, QueryLayout.COLUMNS, ColumnsParser.toJson(columns));
    }

    /** The result's column metadata, which every query has once its engine returned its columns. */
    public List<ColumnMeta> readColumns(QueryId id) {
        Path file = layout.file(id, QueryLayout.COLUMNS);
        try (InputStream in = fs.open(file)) {
            return ColumnsParser.fromJson(in);
        } catch (FileNotFoundException e) {
            throw QueryFolderGoneException.file(file, e);
        } catch (MalformedStoredFileException | JsonProcessingException e) {
            throw MalformedStoredFileException.in(file.toString(), e);
        } catch (IOException e) {
            throw new StorageUnavailableException("read", file, e);
        }
    }

    /**
     * Opens the query's result for writing under a hidden name; the store names the file after the format (today
     * {@code result.csv}, {@code result.xlsx} and so on, the names every server sharing the working directory
     * reads; text stored compressed adds {@code .gz} or {@code .zst}). The query's folder must exist: a folder
     * deleted while its query runs is not brought back by the late writer ({@link QueryFolderGoneException}).
     */
    public PendingResult beginResult(QueryId id, FormatOptions options) {
        return beginResult(id, RESULT_NAME + "." + options.extension() + compressedSuffix(options));
    }

    /** ".gz" or ".zst" for text stored compressed, so the file says what it holds to whoever lists the folder. */
    private static String compressedSuffix(FormatOptions options) {
        if (!options.storesCompressedText()) {
            return "";
        }
        switch (options.compression()) {
            case GZIP:
                return ".gz";
            case ZSTD:
                return ".zst";
            default:
                return "";
        }
    }

    /**
     * A hidden folder in the query's folder for a distributed writer's part files, to be committed as the query's
     * ordered result files ({@code result-000000001.csv}, ...).
     *
     * @throws QueryFolderGoneException the query was deleted
     */
    public PendingParts beginParts(QueryId id, FormatOptions options) {
        if (!exists(id)) {
            throw QueryFolderGoneException.folder(layout.queryDir(id), null);
        }
        Path folder = layout.file(id, QueryLayout.WRITING_PREFIX + "parts-" + UUID.randomUUID());
        return new PendingParts(fs, files, layout.queryDir(id), folder, RESULT_NAME, options.extension());
    }

    /** Opens one result file of the given visible name for writing; for the store and its tests. */
    PendingResult beginResult(QueryId id, String fileName) {
        if (!QueryLayout.isResultFile(fileName) || fileName.contains("/")) {
            throw new IllegalArgumentException("Not a result file name: " + fileName);
        }
        Path writing = layout.file(id, QueryLayout.WRITING_PREFIX + fileName);
        return new PendingResult(fs, writing, layout.file(id, fileName), createInExistingDir(writing, true));
    }

    /**
     * The committed result of a query whose outcome is SUCCESSFUL. Its size is the byte count the outcome
     * recorded, so nothing is listed until the files are read; an outcome written by an older version without
     * that count has the files listed now.
     */
    public StoredResult result(QueryId id, QueryOutcome outcome) {
        if (outcome.status() != QueryStatus.SUCCESSFUL) {
            throw new IllegalArgumentException("Query " + id + " ended " + outcome.status() + "; it has no result");
        }
        Long bytes = outcome.bytes();
        return bytes != null ? new StoredResult(this, id, bytes) : result(id);
    }

    /** The committed result files as they are now, listed (none while the query runs or after it failed). */
    public StoredResult result(QueryId id) {
        return new StoredResult(this, id, committedFiles(id));
    }

    /** The committed result files, in name order. */
    List<ResultFile> committedFiles(QueryId id) {
        List<ResultFile> found = new ArrayList<>();
        for (FileStatus status : listQueryDir(id)) {
            if (status.isFile() && QueryLayout.isResultFile(status.getPath().getName())) {
                found.add(new ResultFile(status.getPath(), status.getLen()));
            }
        }
        found.sort(Comparator.comparing(ResultFile::name));
        return Collections.unmodifiableList(found);
    }

    /** Opens the first file a read needs, at {@code seek}; a file gone means the query was deleted meanwhile. */
    InputStream openFirst(ResultFile file, long seek) {
        try {
            return openResultFile(file, seek);
        } catch (FileNotFoundException e) {
            throw QueryFolderGoneException.file(file.path(), e);
        } catch (IOException e) {
            throw new StorageUnavailableException("open", file.path(), e);
        }
    }

    InputStream openResultFile(ResultFile file, long seek) throws IOException {
        FSDataInputStream in = fs.open(file.path(), BUFFER_BYTES);
        if (seek > 0) {
            try {
                in.seek(seek);
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        }
        return in;
    }

    /**
     * The query folder's entries. A folder deleted while it is listed can make the local file system report
     * "Permission denied" rather than "not found", so a failure is looked at again before it is believed.
     */
    private FileStatus[] listQueryDir(QueryId id) {
        Path dir = layout.queryDir(id);
        try {
            return fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            throw QueryFolderGoneException.folder(dir, e);
        } catch (IOException e) {
            if (!exists(id)) {
                throw QueryFolderGoneException.folder(dir, e);
            }
            throw new StorageUnavailableException("list", dir, e);
        }
    }

    /** Deletes the committed result files of a query that did not end SUCCESSFUL, keeping its bookkeeping. */
    public void discardResults(QueryId id) {
        for (ResultFile file : committedFiles(id)) {
            deleteFile(file.path());
        }
    }

    /**
     * A hard link under {@code _sending/} to one local result file, that outlives a delete of the query: a web
     * server that opens the file by name after the request handler has returned (Tomcat's sendfile) still finds
     * it, and once opened the bytes stay readable whatever happens to the names. Links older than a minute are
     * removed here, on the next call. Empty when the file is not on the local disk, or the disk cannot link.
     */
    Optional<File> pin(ResultFile file, long nowMillis) {
        if (!isLocal()) {
            return Optional.empty();
        }
        java.nio.file.Path dir = Paths.get(layout.sending().toUri());
        try {
            files.mkdirs(layout.sending(), layout.root());
            removeOldPins(dir, nowMillis - PIN_LIFETIME_MILLIS);
            java.nio.file.Path link = dir.resolve(nowMillis + "-" + UUID.randomUUID());
            Files.createLink(link, Paths.get(file.path().toUri()));
            return Optional.of(link.toFile());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.debug("Could not pin {} for sending; it will be streamed", file.path(), e);
            return Optional.empty();
        }
    }

    /**
     * Removes the names pinned for sending that are older than a minute, so a deleted result's bytes do not
     * outlive its last download for long: run on a schedule and at start-up. A download still reading keeps its
     * open file; only the name goes.
     */
    public void sweepPins(long nowMillis) {
        if (!isLocal()) {
            return;
        }
        java.nio.file.Path dir = Paths.get(layout.sending().toUri());
        if (Files.isDirectory(dir)) {
            try {
                removeOldPins(dir, nowMillis - PIN_LIFETIME_MILLIS);
            } catch (IOException e) {
                throw new StorageUnavailableException("sweep", layout.sending(), e);
            }
        }
    }

    /**
     * The bytes held on disk only by names pinned for sending (their query was deleted since): they count against
     * the caps on kept bytes until swept.
     */
    public long pinnedOrphanBytes() {
        if (!isLocal()) {
            return 0;
        }
        java.nio.file.Path dir = Paths.get(layout.sending().toUri());
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long total = 0;
        try (DirectoryStream<java.nio.file.Path> pins = Files.newDirectoryStream(dir)) {
            for (java.nio.file.Path pin : pins) {
                try {
                    Object links = Files.getAttribute(pin, "unix:nlink");
                    if (!(links instanceof Integer) || (Integer) links <= 1) {
                        total += Files.size(pin);
                    }
                } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                    // gone meanwhile, or a file system without link counts: nothing to add
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not list {}", dir, e);
        }
        return total;
    }

    /**
     * The capacity and free space of the working directory's file system, or empty where it does not tell (a
     * capacity of zero or less).
     */
    public Optional<FreeSpace> freeSpace() {
        Path probe = layout.root();
        try {
            if (!fs.exists(probe)) {
                probe = probe.getParent();
            }
            FsStatus status = fs.getStatus(probe);
            if (status.getCapacity() <= 0) {
                return Optional.empty();
            }
            return Optional.of(new FreeSpace(status.getCapacity(), status.getRemaining()));
        } catch (IOException e) {
            throw new StorageUnavailableException("read the free space of", probe, e);
        }
    }

    private static void removeOldPins(java.nio.file.Path dir, long cutoffMillis) throws IOException {
        try (DirectoryStream<java.nio.file.Path> pins = Files.newDirectoryStream(dir)) {
            for (java.nio.file.Path pin : pins) {
                String name = pin.getFileName().toString();
                int dash = name.indexOf('-');
                try {
                    if (dash > 0 && Long.parseLong(name.substring(0, dash)) < cutoffMillis) {
                        Files.deleteIfExists(pin);
                    }
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        }
    }

    /** The fully qualified URI of the query's folder. */
    public String queryPath(QueryId id) {
        return layout.queryDir(id).toString();
    }

    /** Whether the query's folder exists; it is gone once any server deleted the query. */
    public boolean exists(QueryId id) {
        Path dir = layout.queryDir(id);
        try {
            return fs.exists(dir);
        } catch (IOException e) {
            throw new StorageUnavailableException("look for", dir, e);
        }
    }

    /** Throws {@link QueryFolderGoneException} when the query's folder no longer exists. */
    void requireFolder(QueryId id) {
        if (!exists(id)) {
            throw QueryFolderGoneException.folder(layout.queryDir(id), null);
        }
    }

    /** Deletes the query's folder and everything in it; returns whether there was anything to delete. */
    public boolean delete(QueryId id) {
        forget(id);
        // A recursive delete removes files one by one, and a reader could catch a folder with its outcome gone
        // but its record still there. Renaming the folder away first makes the query vanish all at once.
        Path dir = layout.queryDir(id);
        Path trash = layout.trash(id, UUID.randomUUID().toString());
        mkdirs(trash.getParent());
        try {
            if (!fs.rename(dir, trash)) {
                return fs.delete(dir, true);
            }
            return fs.delete(trash, true);
        } catch (IOException e) {
            throw new StorageUnavailableException("delete", dir, e);
        }
    }

    /** Deletes result files left half-written by a query whose server died. */
    public void discardUnfinishedWrites(QueryId id) {
        for (FileStatus status : listQueryDir(id)) {
            if (status.getPath().getName().startsWith(QueryLayout.WRITING_PREFIX)) {
                // A distributed writer's parts are a folder.
                deleteRecursively(status.getPath());
            }
        }
    }

    private void forget(QueryId id) {
        records.remove(id);
        outcomes.remove(id);
    }

    /** The IDs of every query that has a folder here, from any server sharing this working directory. */
    public List<QueryId> listQueryIds() {
        FileStatus[] entries;
        try {
            entries = fs.listStatus(layout.root());
        } catch (FileNotFoundException e) {
            return Collections.emptyList();
        } catch (IOException e) {
            throw new StorageUnavailableException("list", layout.root(), e);
        }
        List<QueryId> ids = new ArrayList<>();
        for (FileStatus entry : entries) {
            if (entry.isDirectory()) {
                QueryId.parse(entry.getPath().getName()).ifPresent(ids::add);
            }
        }
        return ids;
    }

    private <T> Optional<T> read(QueryId id, String name, Parser<T> parser) {
        Path file = layout.file(id, name);
        try (InputStream in = fs.open(file)) {
            return Optional.of(parser.fromJson(in));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (MalformedStoredFileException | JsonProcessingException e) {
            throw MalformedStoredFileException.in(file.toString(), e);
        } catch (IOException e) {
            throw new StorageUnavailableException("read", file, e);
        }
    }

    /** One of the store's parsers, reading a small JSON file it wrote. */
    private interface Parser<T> {
        T fromJson(InputStream in) throws IOException;
    }

    /**
     * Writes a small file under a temporary name and renames it into place, unless the file already exists. Of
     * two racing writers the first wins: on HDFS because the NameNode refuses to rename onto an existing file, and
     * within one server because of the lock (a local file system's rename would overwrite).
     */
    private boolean writeOnce(QueryId id, String name, byte[] content) {
        Path target = layout.file(id, name);
        Path temp = layout.file(id, QueryLayout.TEMP_PREFIX + name + "." + UUID.randomUUID());
        writeSmallFile(temp, content);
        boolean placed = false;
        try {
            synchronized (writeLocks[Math.floorMod(id.hashCode(), writeLocks.length)]) {
                if (fs.exists(target)) {
                    return false;
                }
                placed = fs.rename(temp, target);
                // A rename that says no has lost the race only if the target is there now; otherwise it failed.
                if (!placed && !fs.exists(target)) {
                    throw new StorageUnavailableException(target, "Could not rename " + temp + " to " + target);
                }
            }
            return placed;
        } catch (IOException e) {
            throw new StorageUnavailableException("write", target, e);
        } finally {
            if (!placed) {
                deleteQuietly(temp);
            }
        }
    }

    private void writeNew(QueryId id, String name, byte[] content) {
        if (!writeOnce(id, name, content)) {
            throw new StorageUnavailableException(layout.file(id, name), "Query " + id + " already has " + name);
        }
    }

    /** Writes {@code content} to a new file in a query's folder, which must exist. */
    private void writeSmallFile(Path file, byte[] content) {
        try (OutputStream out = createInExistingDir(file, false)) {
            out.write(content);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new StorageUnavailableException("write", file, e);
        }
    }

    private FSDataOutputStream createInExistingDir(Path file, boolean overwrite) {
        try {
            return files.createInExistingDir(file, overwrite);
        } catch (FileNotFoundException e) {
            throw QueryFolderGoneException.folder(file.getParent(), e);
        } catch (IOException e) {
            throw new StorageUnavailableException("create", file, e);
        }
    }

    /** Creates a folder (and its parents within the working directory) with the folder permission. */
    private void mkdirs(Path dir) {
        try {
            files.mkdirs(dir, layout.root());
        } catch (IOException e) {
            throw new StorageUnavailableException("create the folder", dir, e);
        }
    }

    private void deleteFile(Path file) {
        try {
            fs.delete(file, false);
        } catch (IOException e) {
            throw new StorageUnavailableException("delete", file, e);
        }
    }

    private void deleteRecursively(Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException e) {
            throw new StorageUnavailableException("delete", path, e);
        }
    }

    /** Removes a temporary file after a failure, which the caller reports; a second failure would hide it. */
    private void deleteQuietly(Path file) {
        try {
            fs.delete(file, false);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not delete {}", file, e);
        }
    }

    private boolean isLocal() {
        return files.isLocal();
    }
}
