package io.daas.builder.execution;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One build as the queue holds it: runs its steps once a slot is free, and can be cancelled or awaited. */
public final class BuildExecution implements Runnable {

    /** The error of a build that was running when the service stopped. */
    public static final String RESTART_MESSAGE = StepsRunner.RESTART_MESSAGE;

    private final RunningBuild running;
    private final StepsRunner steps;
    private final BuildTracker tracker;
    private final Cancellation cancellation = new Cancellation();
    private final CountDownLatch ended = new CountDownLatch(1);
    /** When the queue gave this build its slot: its start time, so that starts keep the order of the slots. */
    private volatile Instant slotGivenAt;

    BuildExecution(RunningBuild running, StepsRunner steps, BuildTracker tracker) {
        this.running = running;
        this.steps = steps;
        this.tracker = tracker;
    }

    public String buildId() {
        return running.id();
    }

    /** The build's record as it is now, without a database read. */
    public Build snapshot() {
        return running.build();
    }

    /** The queue gave this build a slot: it starts now (its thread may run a moment later). */
    public void slotGiven() {
        slotGiven(Instant.now());
    }

    /** The build got its slot {@code at} (a replica's claim): its start time. */
    public void slotGiven(Instant at) {
        slotGivenAt = at;
    }

    /** Asks the build to stop; it ends as cancelled. */
    public void cancel() {
        cancellation.request();
    }

    /** Ends a build that never started: it was cancelled while it waited. */
    public void cancelWaiting() {
        endWithoutRunning(BuildStatus.CANCELLED, "Build cancelled", "Cancelled while queued");
    }

    /**
     * Ends a build that does not run here (it waited, or ran on a replica that is gone) with a final
     * status: stored, and its listeners (metrics, webhook) hear of it.
     */
    public void endWithoutRunning(BuildStatus status, String error, String step) {
        cancellation.request();
        running.end(status, error, step);
        tracker.endedWithoutRunning(running.build());
        ended.countDown();
    }

    /**
     * Stops the build and gives it back to the queue, pending again: this replica ({@code replica})
     * is stopping and another one runs the build from its start.
     */
    public void handBack(String replica) {
        cancellation.handBack(replica);
    }

    /** Whether the build ended by being handed back (pending again, not final). */
    public boolean handedBack() {
        return cancellation.handedBackBy() != null && !running.build().status().isFinal();
    }

    /** Waits until the build has ended, at most {@code timeout}. */
    public void awaitEnd(Duration timeout) {
        try {
            ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            tracker.begin(running);
            try {
                steps.run(running, cancellation, slotGivenAt);
            } finally {
                tracker.end(running);
            }
        } finally {
            ended.countDown();
        }
    }
}
