package org.apache.kylin.rest.asyncquery.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FairQueueTest {
    @Test
    void usersTakeTurnsAndKeepTheirOwnOrder() {
        FairQueue<String> queue = new FairQueue<>(10);
        queue.add("alice", "a1");
        queue.add("alice", "a2");
        queue.add("alice", "a3");
        queue.add("bob", "b1");
        queue.add("carol", "c1");
        queue.add("bob", "b2");
        assertThat(queue.startOrder()).containsExactly("a1", "b1", "c1", "a2", "b2", "a3");
        assertThat(queue.startNext().get().item).isEqualTo("a1");
        assertThat(queue.startNext().get().item).isEqualTo("b1");
        assertThat(queue.startNext().get().item).isEqualTo("c1");
        assertThat(queue.startNext().get().item).isEqualTo("a2");
    }

    @Test
    void aUserAtTheirShareIsSkippedUntilOneOfTheirsFinishes() {
        FairQueue<String> queue = new FairQueue<>(1);
        queue.add("alice", "a1");
        queue.add("alice", "a2");
        queue.add("bob", "b1");
        assertThat(queue.startNext().get().item).isEqualTo("a1");
        assertThat(queue.startNext().get().item).isEqualTo("b1");
        assertThat(queue.startNext()).isEmpty();
        queue.finished("alice");
        assertThat(queue.startNext().get().item).isEqualTo("a2");
        assertThat(queue.runningOf("alice")).isEqualTo(1);
    }

    @Test
    void aRemovedItemNeverStarts() {
        FairQueue<String> queue = new FairQueue<>(2);
        queue.add("alice", "a1");
        queue.add("bob", "b1");
        assertThat(queue.remove("alice", "a1")).isTrue();
        assertThat(queue.remove("alice", "a1")).isFalse();
        assertThat(queue.startOrder()).containsExactly("b1");
        assertThat(queue.startNext().get().item).isEqualTo("b1");
        assertThat(queue.startNext()).isEmpty();
    }
}
