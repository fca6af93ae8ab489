package org.apache.kylin.rest.asyncquery.store;

import static java.util.Objects.requireNonNull;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.OptionalLong;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Each server's heartbeat in the shared working directory: one empty file per node whose modification time the
 * node renews. Any server reads it to tell whether the node that owns an unfinished query is still alive.
 */
public final class NodeHeartbeats {
    private final FileSystem fs;
    private final QueryLayout layout;
    private final OwnedFiles files;

    public NodeHeartbeats(FileSystem fs, Path workingDir) {
        this(fs, workingDir, ResultStore.DEFAULT_FILE_PERMISSION);
    }

    public NodeHeartbeats(FileSystem fs, Path workingDir, short filePermission) {
        this.fs = requireNonNull(fs, "fs is null");
        this.layout = new QueryLayout(fs.makeQualified(requireNonNull(workingDir, "workingDir is null")));
        this.files = new OwnedFiles(fs, filePermission);
    }

    /** Renews {@code nodeId}'s heartbeat to {@code nowMillis}, creating its file the first time. */
    public void beat(String nodeId, long nowMillis) throws IOException {
        Path file = layout.nodeHeartbeat(nodeId);
        try {
            fs.setTimes(file, nowMillis, -1);
        } catch (FileNotFoundException e) {
            files.mkdirs(file.getParent(), layout.root());
            files.createInExistingDir(file, true).close();
            fs.setTimes(file, nowMillis, -1);
        }
    }

    /** When {@code nodeId} last renewed its heartbeat, or empty if it never did here. */
    public OptionalLong lastBeat(String nodeId) throws IOException {
        try {
            return OptionalLong.of(fs.getFileStatus(layout.nodeHeartbeat(nodeId)).getModificationTime());
        } catch (FileNotFoundException e) {
            return OptionalLong.empty();
        }
    }
}
