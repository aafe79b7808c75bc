package io.daas.builder.lifecycle;

import io.daas.builder.builds.Build;
import io.daas.builder.execution.BuildExecution;
import java.util.List;

/**
 * Where accepted builds wait and which process runs them: this one ({@link LocalDispatch}, one service,
 * {@code BUILD_QUEUE=local}) or whichever replica on the database has a free slot
 * ({@code replicas/SharedDispatch}, {@code BUILD_QUEUE=shared}).
 */
public interface BuildDispatch {

    /** Throws {@link QueueFullException} when a new build of {@code tenant} could not wait for a slot. */
    void checkCapacity(String tenant);

    /**
     * Queues a new build (its pending record is stored), within the bounds; with {@code here}, only
     * this process may run it.
     */
    void submit(BuildExecution execution, boolean here);

    /** The execution of a build running in this process, or null. */
    BuildExecution running(String buildId);

    /** 1-based place of a waiting build in the order builds would start, or 0 when it is not waiting. */
    int position(String buildId);

    /** Stops a build that has not ended: a waiting one leaves the queue, a running one is stopped. */
    CancelOutcome cancel(Build build);

    /** Builds waiting for a slot. */
    int waitingCount();

    /** Builds running in this process. */
    int runningCount();

    /** Ids of the builds running in this process. */
    List<String> runningIds();

    /** After a start: builds this process left running cannot be resumed; waiting ones wait again. */
    void recover();

    /** On shutdown: stops starting builds and ends (or hands back) what runs here. */
    void close();
}
