package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildFilter;
import io.daas.builder.builds.BuildNotFoundException;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.support.FakeBuild;
import io.daas.builder.support.FakeEngineTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue as builds go through it to the engine (MAX_CONCURRENT_BUILDS=3, TENANT_MAX_RUNNING=2,
 * MAX_QUEUED_BUILDS=6, TENANT_MAX_QUEUED=4), on the fake engine: builds hold their slot until the
 * test releases them.
 */
class BuildSchedulingTests extends FakeEngineTest {

    @BeforeEach
    void buildsRunUntilReleased() {
        engine.everyBuild(FakeBuild.Script.succeeds().held());
    }

    @Test
    void noMoreThanMaxConcurrentBuildsRunOnTheEngineAtOnce() {
        Build a1 = submit(A);
        submit(A);
        submit(B);
        Build b2 = submit(B);

        awaitOnEngine(3);
        assertThat(engine.runningCount()).isEqualTo(3);
        assertThat(builds.runningCount()).isEqualTo(3);
        assertThat(builds.queueDepth()).isEqualTo(1);
        assertThat(builds.get(b2.id()).currentStep()).isEqualTo("Queued (position 1)");

        release(a1);
        assertThat(ended(a1.id()).status()).isEqualTo(BuildStatus.SUCCESS);
        awaitOnEngine(4);
        assertThat(engine.build(b2.imageTag())).isPresent();
        assertThat(engine.mostRunningAtOnce()).isEqualTo(3);
    }

    @Test
    void oneTenantRunsAtMostTenantMaxRunningEvenWithASlotFree() {
        for (int i = 0; i < 4; i++) {
            submit(A);
        }

        awaitOnEngine(2);
        assertThat(builds.runningCount()).isEqualTo(2);
        assertThat(builds.queueDepth()).isEqualTo(2);
        Build b1 = submit(B);
        awaitOnEngine(3);
        assertThat(engine.build(b1.imageTag())).isPresent();
    }

    @Test
    void aFreedSlotGoesToTheNextTenantInTurnAndEachTenantsBuildsStartInTheOrderSent() {
        Build a1 = submit(A);
        Build a2 = submit(A);
        Build a3 = submit(A);
        Build a4 = submit(A);
        Build b1 = submit(B);
        Build b2 = submit(B);
        Build b3 = submit(B);
        awaitOnEngine(3);

        release(a1);
        awaitOnEngine(4);
        release(b1);
        awaitOnEngine(5);
        release(a2);
        awaitOnEngine(6);
        release(a3);
        awaitOnEngine(7);

        List<String> started = engine.builds().stream().map(b -> b.spec().tag()).toList();
        assertThat(started.subList(0, 3)).containsExactlyInAnyOrder(a1.imageTag(), a2.imageTag(), b1.imageTag());
        assertThat(started.subList(3, 7)).containsExactly(a3.imageTag(), b2.imageTag(), a4.imageTag(), b3.imageTag());
    }

    @Test
    void aTenantPastTenantMaxQueuedIsRefusedAndThenTheWholeQueueAtMaxQueuedBuilds() {
        int before = builds.count(ADMIN, new BuildFilter(null, null, null, 0));
        for (int i = 0; i < 6; i++) {
            submit(A);
        }
        awaitOnEngine(2);

        assertThatThrownBy(() -> submit(A))
                .isInstanceOf(QueueFullException.class)
                .hasMessageContaining("Tenant tenant-a already has 4 builds waiting")
                .hasMessageContaining("TENANT_MAX_QUEUED");
        submit(B);
        submit(B);
        submit(B);
        assertThat(builds.queueDepth()).isEqualTo(6);
        assertThatThrownBy(() -> submit(B))
                .isInstanceOf(QueueFullException.class)
                .hasMessageContaining("MAX_QUEUED_BUILDS");
        assertThat(builds.count(ADMIN, new BuildFilter(null, null, null, 0)))
                .as("refused builds leave no record")
                .isEqualTo(before + 9);
    }

    @Test
    void aCancelledWaitingBuildEndsCancelledWithoutReachingTheEngine() {
        submit(A);
        submit(A);
        Build waiting = submit(A);
        awaitOnEngine(2);

        CancelOutcome outcome = builds.cancel(waiting.id(), A);

        assertThat(outcome).isEqualTo(new CancelOutcome(true, BuildStatus.CANCELLED));
        assertThat(builds.get(waiting.id()).status()).isEqualTo(BuildStatus.CANCELLED);
        assertThat(builds.queueDepth()).isZero();
        assertThat(engine.build(waiting.imageTag())).isEmpty();
    }

    @Test
    void aCancelledRunningBuildIsStoppedOnTheEngineAndFreesItsSlot() {
        Build running = submit(A);
        submit(A);
        Build next = submit(A);
        awaitOnEngine(2);

        CancelOutcome outcome = builds.cancel(running.id(), A);

        assertThat(outcome).isEqualTo(new CancelOutcome(true, BuildStatus.CANCELLED));
        assertThat(engine.build(running.imageTag()))
                .hasValueSatisfying(b -> assertThat(b.isStopped()).isTrue());
        assertThat(builds.get(running.id()).error()).isEqualTo("Build cancelled");
        awaitOnEngine(3);
        assertThat(engine.build(next.imageTag())).isPresent();
    }

    @Test
    void anotherTenantCannotCancelABuild() {
        Build own = submit(A);
        awaitOnEngine(1);

        assertThatThrownBy(() -> builds.cancel(own.id(), B)).isInstanceOf(BuildNotFoundException.class);
        assertThat(engine.build(own.imageTag()))
                .hasValueSatisfying(b -> assertThat(b.isStopped()).isFalse());
    }

    private void awaitOnEngine(int started) {
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.builds().size() >= started);
        assertThat(engine.builds()).hasSize(started);
    }

    private void release(Build build) {
        engine.build(build.imageTag()).orElseThrow().release();
        ended(build.id());
    }
}
