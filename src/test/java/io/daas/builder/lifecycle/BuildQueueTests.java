package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BuildQueueTests {

    /** A queued build that runs until the test releases it. */
    record Job(String id, String tenant) {}

    private final List<String> started = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> release = new ConcurrentHashMap<>();
    private final List<BuildQueue<Job>> queues = new ArrayList<>();

    @AfterEach
    void releaseAll() {
        release.values().forEach(CountDownLatch::countDown);
        queues.forEach(BuildQueue::close);
    }

    @Test
    void oneTenantsThirtyBuildsDoNotPutAnotherTenantAtTheBackOfTheQueue() {
        BuildQueue<Job> queue = queue(new QueueLimits(3, 100, 2, 30));
        for (int i = 1; i <= 30; i++) {
            queue.submit(new Job("a" + i, "A"));
        }
        queue.submit(new Job("b1", "B"));
        queue.submit(new Job("b2", "B"));

        awaitStarted("a1", "a2", "b1");
        assertThat(queue.position("b1")).isZero();
        assertThat(queue.position("b2")).isBetween(1, 2);
        assertThat(queue.position("a3")).isEqualTo(1);
        assertThat(queue.position("a30")).isGreaterThan(28);

        finish("a1");
        awaitStarted("a1", "a2", "b1", "a3");
        finish("a2");
        awaitStarted("a1", "a2", "b1", "a3", "b2");
    }

    @Test
    void oneTenantNeverTakesEverySlotWhileAnotherCanCome() {
        BuildQueue<Job> queue = queue(new QueueLimits(3, 100, 2, 30));
        for (int i = 1; i <= 5; i++) {
            queue.submit(new Job("a" + i, "A"));
        }

        awaitStarted("a1", "a2");
        assertThat(queue.runningCount()).isEqualTo(2);
        assertThat(queue.waitingCount()).isEqualTo(3);
        queue.submit(new Job("b1", "B"));
        awaitStarted("a1", "a2", "b1");
    }

    @Test
    void aTenantPastItsQueuedCapIsRefusedWhileOthersStillGetIn() {
        BuildQueue<Job> queue = queue(new QueueLimits(2, 100, 1, 3));
        for (int i = 1; i <= 4; i++) {
            queue.submit(new Job("a" + i, "A"));
        }

        assertThatThrownBy(() -> queue.submit(new Job("a5", "A")))
                .isInstanceOf(QueueFullException.class)
                .hasMessageContaining("Tenant A already has 3 builds waiting")
                .hasMessageContaining("TENANT_MAX_QUEUED");
        queue.submit(new Job("b1", "B"));
        queue.submit(new Job("b2", "B"));
        awaitStarted("a1", "b1");
        assertThat(queue.waitingCount()).isEqualTo(4);
    }

    @Test
    void theWholeQueueFullStillAnswersWithMaxQueuedBuilds() {
        BuildQueue<Job> queue = queue(new QueueLimits(1, 2, 1, 2));
        queue.submit(new Job("a1", "A"));
        queue.submit(new Job("a2", "A"));
        queue.submit(new Job("b1", "B"));

        assertThatThrownBy(() -> queue.submit(new Job("c1", "C")))
                .isInstanceOf(QueueFullException.class)
                .hasMessageContaining("MAX_QUEUED_BUILDS");
    }

    @Test
    void eachTenantsBuildsStartInTheOrderItSentThemTakingTurnsWithOthers() {
        BuildQueue<Job> queue = queue(new QueueLimits(1, 100, 1, 100));
        queue.submit(new Job("a1", "A"));
        queue.submit(new Job("a2", "A"));
        queue.submit(new Job("a3", "A"));
        queue.submit(new Job("b1", "B"));
        queue.submit(new Job("b2", "B"));
        queue.submit(new Job("c1", "C"));

        for (String id : List.of("a1", "a2", "b1", "c1", "a3", "b2")) {
            awaitRunning(id);
            finish(id);
        }
        assertThat(started).containsExactly("a1", "a2", "b1", "c1", "a3", "b2");
    }

    @Test
    void withoutTenantsOneCallerMayUseEverySlot() {
        BuildQueue<Job> queue = queue(QueueLimits.global(3, 100));
        for (int i = 1; i <= 4; i++) {
            queue.submit(new Job("l" + i, "local"));
        }

        awaitStarted("l1", "l2", "l3");
        assertThat(queue.position("l4")).isEqualTo(1);
    }

    @Test
    void aCancelledWaitingBuildLeavesTheQueueAndItsTenantsCount() {
        BuildQueue<Job> queue = queue(new QueueLimits(1, 100, 1, 2));
        queue.submit(new Job("a1", "A"));
        queue.submit(new Job("a2", "A"));
        queue.submit(new Job("a3", "A"));

        assertThat(queue.removeWaiting("a2")).isEqualTo(new Job("a2", "A"));
        queue.submit(new Job("a4", "A"));
        assertThat(queue.position("a4")).isEqualTo(2);
        assertThat(queue.removeWaiting("a2")).isNull();
    }

    @Test
    void buildsThatGetSlotsAtOnceAreHeardInTheOrderOfTheirSlots() {
        List<String> slots = new CopyOnWriteArrayList<>();
        BuildQueue<Job> queue = new BuildQueue<>(
                new QueueLimits(3, 100, 3, 30),
                Job::id,
                Job::tenant,
                job -> {
                    // the first build's thread runs last: only after the other two have run
                    if (job.id().equals("a1")) {
                        await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 2);
                    }
                    started.add(job.id());
                },
                // heard under the queue's lock, before the build's thread runs
                job -> slots.add(job.id()));
        queues.add(queue);
        queue.submit(new Job("a1", "A"));
        queue.submit(new Job("a2", "A"));
        queue.submit(new Job("a3", "A"));

        await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 3);
        assertThat(started.get(2)).isEqualTo("a1");
        assertThat(slots).containsExactly("a1", "a2", "a3");
    }

    private BuildQueue<Job> queue(QueueLimits limits) {
        BuildQueue<Job> queue = new BuildQueue<>(limits, Job::id, Job::tenant, job -> {
            CountDownLatch latch = release.computeIfAbsent(job.id(), k -> new CountDownLatch(1));
            started.add(job.id());
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        queues.add(queue);
        return queue;
    }

    private void finish(String id) {
        release.computeIfAbsent(id, k -> new CountDownLatch(1)).countDown();
    }

    private void awaitRunning(String id) {
        await().atMost(Duration.ofSeconds(5)).until(() -> started.contains(id));
    }

    private void awaitStarted(String... ids) {
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(started).containsExactlyInAnyOrder(ids));
    }
}
