package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.apache.kylin.rest.asyncquery.store.IndexEntry;
import org.apache.kylin.rest.asyncquery.store.QueryIndex;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;

/**
 * The rule of client request IDs: a user's ID names at most one query, for as long as that query is kept, on every
 * server sharing the working directory. The ID points at its query through the store's {@link QueryIndex}; the
 * query's own record is the truth about what was asked, and a pointer whose query was deleted frees the ID.
 *
 * <p>A new query's record is written before its ID is claimed, and its job starts only after the claim won, so a
 * claim always names a query that was recorded, and a submit that loses the claim to another server undoes its
 * query before anything ran. Submits with the same user and ID on this server take turns ({@link #serialized}).
 *
 * <p>Thread-safe.
 */
public final class ClientRequestKeys {
    static final int LOCK_WAIT_SECONDS = 20;

    private final QueryIndex index;
    private final ResultStore store;
    private final Clock clock;
    /** One lock per (user, ID) in use, so that one user's submits never queue behind another's. */
    private final Map<String, KeyLock> locks = new HashMap<>();

    public ClientRequestKeys(QueryIndex index, ResultStore store, Clock clock) {
        this.index = requireNonNull(index, "index is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Runs {@code work} while no other submit on this server with the same user and ID runs. The SQL check comes
     * before this, so the lock is held only for the store's few writes; a submit that still finds it held for
     * {@link #LOCK_WAIT_SECONDS} is refused (QUEUE_FULL, try again) rather than holding a request thread longer.
     */
    <T> T serialized(String owner, String key, Supplier<T> work) {
        String name = owner.length() + ":" + owner + key;
        KeyLock lock;
        synchronized (locks) {
            lock = locks.computeIfAbsent(name, n -> new KeyLock());
            lock.users++;
        }
        try {
            if (!lock.lock.tryLock(LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AsyncQueryException(ErrorCode.QUEUE_FULL, "Another submit with client_request_id '" + key
                        + "' has been in progress here for " + LOCK_WAIT_SECONDS + " seconds; try again later.");
            }
            try {
                return work.get();
            } finally {
                lock.lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncQueryException(ErrorCode.INTERNAL_ERROR, "The server is shutting down; try again.");
        } finally {
            synchronized (locks) {
                if (--lock.users == 0) {
                    locks.remove(name);
                }
            }
        }
    }

    /**
     * The record of the query {@code owner}'s {@code key} names, if that query is still kept; a pointer to a
     * deleted query is removed, which frees the ID.
     *
     * @throws AsyncQueryException REQUEST_CONFLICT when the query was asked with a different SQL, project, paging
     *         or format options
     */
    Optional<QueryRecord> existing(String owner, String key, SubmitRequest request) {
        Optional<IndexEntry> entry = index.find(QueryIndex.Kind.REQUEST_KEY, owner, key);
        if (!entry.isPresent()) {
            return Optional.empty();
        }
        Optional<QueryRecord> record = store.findRecord(entry.get().queryId());
        if (!record.isPresent() || !record.get().owner().equals(owner)) {
            index.release(entry.get());
            return Optional.empty();
        }
        if (!SameRequest.matches(record.get(), request)) {
            throw new AsyncQueryException(ErrorCode.REQUEST_CONFLICT, "client_request_id '" + key + "' was already "
                    + "used for query " + record.get().queryId() + ", with a different SQL, project, paging or "
                    + "format options; send a new client_request_id for a different request.");
        }
        return record;
    }

    /**
     * Names query {@code id} by {@code owner}'s {@code key}, unless another submit got there first.
     *
     * @throws RequestKeyTakenException another query holds the ID now
     */
    void claim(String owner, String key, QueryId id) {
        IndexEntry standing = index.claim(QueryIndex.Kind.REQUEST_KEY, owner, key, id, clock.millis());
        if (!standing.queryId().equals(id)) {
            throw new RequestKeyTakenException();
        }
    }

    /** Frees the ID if it names query {@code id}, which was refused or undone after the claim. */
    void release(String owner, String key, QueryId id) {
        Optional<IndexEntry> entry = index.find(QueryIndex.Kind.REQUEST_KEY, owner, key);
        if (entry.isPresent() && entry.get().queryId().equals(id)) {
            index.release(entry.get());
        }
    }

    /** Removes the pointers whose query is gone (deleted or cleaned); returns how many. For the cleaner. */
    public int sweep() {
        int removed = 0;
        for (IndexEntry entry : index.list(QueryIndex.Kind.REQUEST_KEY)) {
            if (!store.exists(entry.queryId()) && index.release(entry)) {
                removed++;
            }
        }
        return removed;
    }

    /** A lock and how many submits hold or wait for it; guarded by {@code locks}. */
    private static final class KeyLock {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }
}
