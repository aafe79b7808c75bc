package io.daas.builder.replicas;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import javax.sql.DataSource;

/** The db-scheduler task that runs a claimed build (its instance id is the build id), and the scheduler. */
final class BuildTasks {

    static final Duration POLLING = Duration.ofMillis(100);
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    static final int MISSED_HEARTBEATS = 5;

    private BuildTasks() {}

    /**
     * This replica's scheduler of {@code tasks}: {@code slots} threads that claim at most as many builds
     * ({@code FOR UPDATE SKIP LOCKED}) by priority then time, polling every 100 ms, woken at once by its
     * own submissions; a heartbeat every 2 s, dead after 5 missed; stopping waits {@code drainFor} + 30 s.
     */
    static Scheduler scheduler(
            DataSource dataSource, String replica, int slots, Duration drainFor, CustomTask<?>... tasks) {
        return Scheduler.create(dataSource, tasks)
                .schedulerName(new SchedulerName.Fixed(replica))
                .threads(slots)
                .pollingInterval(POLLING)
                .pollUsingLockAndFetch(0.5, 1.0)
                .heartbeatInterval(HEARTBEAT)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .enableImmediateExecution()
                .enablePriority()
                .shutdownMaxWait(drainFor.plusSeconds(30))
                .build();
    }

    /**
     * A build task named {@code name}: {@code claimed} runs it; a claim whose replica stopped
     * heartbeating goes to {@code dead}; a run that threw (it never should) leaves the queue, as the
     * build's own record already says how it ended.
     */
    static CustomTask<Void> task(String name, ClaimedBuilds claimed, DeadClaims dead) {
        return Tasks.custom(name, Void.class)
                .onDeadExecution(dead)
                .onFailure((FailureHandler<Void>) (complete, operations) -> operations.remove())
                .execute((instance, context) -> claimed.run(instance.getId()));
    }
}
