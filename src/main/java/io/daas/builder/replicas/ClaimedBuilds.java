package io.daas.builder.replicas;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.config.DaemonThreads;
import io.daas.builder.execution.BuildExecution;
import io.daas.builder.execution.BuildExecutions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The builds this replica took from the shared queue: runs each on the scheduler's thread that claimed
 * it (so {@code MAX_CONCURRENT_BUILDS} threads are its slots), stops the ones whose cancel was asked
 * through another replica, and hands back the ones still running when it stops.
 */
final class ClaimedBuilds {

    static final long CANCEL_POLL_MILLIS = 500;
    private static final Logger log = LoggerFactory.getLogger(ClaimedBuilds.class);

    private final BuildRepository repository;
    private final BuildExecutions executions;
    private final CancelRequests cancels;
    private final String self;
    private final TenantTurns turns;
    /** Builds submitted here whose secrets live only in this process, until this replica runs them. */
    private final Map<String, BuildExecution> heldHere = new ConcurrentHashMap<>();

    private final Map<String, BuildExecution> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService cancelWatch =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("build-cancel-watch"));

    ClaimedBuilds(
            BuildRepository repository,
            BuildExecutions executions,
            CancelRequests cancels,
            TenantTurns turns,
            String self) {
        this.repository = repository;
        this.turns = turns;
        this.executions = executions;
        this.cancels = cancels;
        this.self = self;
        cancelWatch.scheduleWithFixedDelay(
                this::stopCancelled, CANCEL_POLL_MILLIS, CANCEL_POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Keeps the execution of a build whose secrets only this process has, for when it runs here. */
    void hold(BuildExecution execution) {
        heldHere.put(execution.buildId(), execution);
    }

    /** The execution held for a build, taken away (it was cancelled while it waited), or null. */
    BuildExecution release(String buildId) {
        return heldHere.remove(buildId);
    }

    BuildExecution running(String buildId) {
        return running.get(buildId);
    }

    List<String> runningIds() {
        return new ArrayList<>(running.keySet());
    }

    /**
     * Runs a build this replica claimed, to its end; says what becomes of its queue entry: removed,
     * or (handed back) queued again at its submission time, for another replica.
     */
    CompletionHandler<Void> run(String buildId) {
        BuildExecution held = heldHere.remove(buildId);
        Build build = repository.find(buildId).orElse(null);
        if (build == null || build.status() != BuildStatus.PENDING) {
            // cancelled (or deleted) while the claim was on its way
            cancels.done(buildId);
            return (complete, operations) -> operations.remove();
        }
        BuildExecution execution = held != null ? held : executions.of(build);
        if (cancels.asked(buildId)) {
            execution.cancelWaiting();
            cancels.done(buildId);
            return (complete, operations) -> operations.remove();
        }
        Instant start = Instant.now();
        if (!turns.start(build, start)) {
            // its tenant runs TENANT_MAX_RUNNING builds on the replicas: claimed again a moment later
            if (held != null) {
                heldHere.put(buildId, held);
            }
            Instant later = start.plus(TenantTurns.RETRY);
            return (complete, operations) -> operations.reschedule(complete, later);
        }
        running.put(buildId, execution);
        try {
            execution.slotGiven(start);
            execution.run();
        } finally {
            running.remove(buildId);
            cancels.done(buildId);
        }
        if (execution.handedBack()) {
            Instant place = build.createdAt();
            log.info("build {} handed back to the queue: replica {} is stopping", buildId, self);
            return (complete, operations) -> operations.reschedule(complete, place);
        }
        return (complete, operations) -> operations.remove();
    }

    /** Stops every build still running here and gives it back to the queue (this replica is stopping). */
    void handBackAll() {
        running.values().forEach(execution -> execution.handBack(self));
    }

    void close() {
        cancelWatch.shutdownNow();
    }

    private void stopCancelled() {
        try {
            for (String id : cancels.askedAmong(running.keySet())) {
                BuildExecution execution = running.get(id);
                if (execution != null) {
                    log.info("build {}: cancel asked through another replica; stopping it", id);
                    execution.cancel();
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not read the cancel requests of running builds: {}", e.getMessage());
        }
    }
}
