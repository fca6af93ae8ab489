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
    public void beat(String nodeId, long nowMillis) {
        Path file = layout.nodeHeartbeat(nodeId);
        try {
            try {
                fs.setTimes(file, nowMillis, -1);
            } catch (FileNotFoundException e) {
                files.mkdirs(file.getParent(), layout.root());
                files.createInExistingDir(file, true).close();
                fs.setTimes(file, nowMillis, -1);
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("renew the heartbeat", file, e);
        }
    }

    /** When {@code nodeId} last renewed its heartbeat, or empty if it never did here. */
    public OptionalLong lastBeat(String nodeId) {
        Path file = layout.nodeHeartbeat(nodeId);
        try {
            return OptionalLong.of(fs.getFileStatus(file).getModificationTime());
        } catch (FileNotFoundException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new StorageUnavailableException("read the heartbeat", file, e);
        }
    }
}
