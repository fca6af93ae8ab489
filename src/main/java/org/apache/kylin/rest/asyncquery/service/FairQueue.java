package org.apache.kylin.rest.asyncquery.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waiting work, shared fairly between users: each user has a queue of their own, the next item to start is taken
 * from the users in turn (round-robin), and a user who already runs {@code maxRunningPerUser} items is skipped, so
 * one user's long queries never hold every thread. Not thread-safe: the executor guards it with its lock.
 */
final class FairQueue<T> {
    private final int maxRunningPerUser;
    private final Map<String, ArrayDeque<T>> waiting = new HashMap<>();
    private final Map<String, Integer> running = new HashMap<>();
    /** Users with waiting items, in the order they get their next turn. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();

    FairQueue(int maxRunningPerUser) {
        if (maxRunningPerUser < 1) {
            throw new IllegalArgumentException("maxRunningPerUser must be positive");
        }
        this.maxRunningPerUser = maxRunningPerUser;
    }

    void add(String user, T item) {
        ArrayDeque<T> queue = waiting.get(user);
        if (queue == null) {
            queue = new ArrayDeque<>();
            waiting.put(user, queue);
            turns.addLast(user);
        }
        queue.addLast(item);
    }

    /** Takes a waiting item out of the queue (a cancel); returns whether it was waiting. */
    boolean remove(String user, T item) {
        ArrayDeque<T> queue = waiting.get(user);
        if (queue == null || !queue.remove(item)) {
            return false;
        }
        if (queue.isEmpty()) {
            waiting.remove(user);
            turns.remove(user);
        }
        return true;
    }

    /**
     * The next item to start, counted as running for its user from now on, or empty when nothing waits or every
     * waiting user already runs their most.
     */
    Optional<Started<T>> startNext() {
        for (Iterator<String> users = turns.iterator(); users.hasNext();) {
            String user = users.next();
            if (runningOf(user) >= maxRunningPerUser) {
                continue;
            }
            users.remove();
            ArrayDeque<T> queue = waiting.get(user);
            T item = queue.pollFirst();
            if (queue.isEmpty()) {
                waiting.remove(user);
            } else {
                turns.addLast(user);
            }
            running.merge(user, 1, Integer::sum);
            return Optional.of(new Started<>(user, item));
        }
        return Optional.empty();
    }

    /** Counts a started item of {@code user} as no longer running. */
    void finished(String user) {
        running.computeIfPresent(user, (name, count) -> count == 1 ? null : count - 1);
    }

    /** How many items wait, of all users. */
    int size() {
        int size = 0;
        for (ArrayDeque<T> queue : waiting.values()) {
            size += queue.size();
        }
        return size;
    }

    /**
     * The order in which the waiting items would start if no running item finished first and every user could run
     * one more: a user's own items keep their order, and users take turns.
     */
    List<T> startOrder() {
        List<ArrayDeque<T>> queues = new ArrayList<>();
        for (String user : turns) {
            queues.add(new ArrayDeque<>(waiting.get(user)));
        }
        List<T> order = new ArrayList<>();
        while (!queues.isEmpty()) {
            for (Iterator<ArrayDeque<T>> each = queues.iterator(); each.hasNext();) {
                ArrayDeque<T> queue = each.next();
                order.add(queue.pollFirst());
                if (queue.isEmpty()) {
                    each.remove();
                }
            }
        }
        return order;
    }

    int runningOf(String user) {
        Integer count = running.get(user);
        return count == null ? 0 : count;
    }

    /** An item taken to run, with the user it is counted against. */
    static final class Started<T> {
        final String user;
        final T item;

        Started(String user, T item) {
            this.user = user;
            this.item = item;
        }
    }
}
