package io.daas.builder.lifecycle;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.execution.BuildExecution;
import io.daas.builder.execution.BuildExecutions;
import io.daas.builder.security.ApiTokens;
import io.daas.builder.security.FairnessProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** One service's queue ({@code BUILD_QUEUE=local}, the default): builds wait and run in this process. */
@Component
@ConditionalOnProperty(name = "builder.replica.queue", havingValue = "local", matchIfMissing = true)
class LocalDispatch implements BuildDispatch {

    static final Duration CANCEL_WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(LocalDispatch.class);

    private final BuildRepository repository;
    private final BuildExecutions executions;
    private final BuildQueue<BuildExecution> queue;

    LocalDispatch(
            BuildRepository repository,
            BuildExecutions executions,
            BuilderProperties properties,
            FairnessProperties fairness,
            ApiTokens tokens) {
        this.repository = repository;
        this.executions = executions;
        this.queue = new BuildQueue<>(
                QueueLimits.of(properties, fairness, tokens.enabled()),
                BuildExecution::buildId,
                e -> e.snapshot().tenant(),
                BuildExecution::run,
                BuildExecution::slotGiven);
    }

    @Override
    public void checkCapacity(String tenant) {
        queue.checkCapacity(tenant);
    }

    @Override
    public void submit(BuildExecution execution, boolean here) {
        queue.submit(execution);
    }

    @Override
    public BuildExecution running(String buildId) {
        return queue.running(buildId);
    }

    @Override
    public int position(String buildId) {
        return queue.position(buildId);
    }

    @Override
    public CancelOutcome cancel(Build build) {
        BuildExecution waiting = queue.removeWaiting(build.id());
        if (waiting != null) {
            waiting.cancelWaiting();
            return new CancelOutcome(true, BuildStatus.CANCELLED);
        }
        BuildExecution running = queue.running(build.id());
        if (running != null) {
            running.cancel();
            running.awaitEnd(CANCEL_WAIT);
            return new CancelOutcome(true, running.snapshot().status());
        }
        // Neither waiting nor running here: a record left over (for example by another replica).
        repository.update(build.ended(BuildStatus.CANCELLED, "Build cancelled", Instant.now()));
        return new CancelOutcome(true, BuildStatus.CANCELLED);
    }

    @Override
    public int waitingCount() {
        return queue.waitingCount();
    }

    @Override
    public int runningCount() {
        return queue.runningCount();
    }

    @Override
    public List<String> runningIds() {
        return queue.runningIds();
    }

    @Override
    public void recover() {
        for (Build b : repository.findByStatus(BuildStatus.BUILDING)) {
            log.warn("build {} was running when the service stopped; marking it failed", b.id());
            repository.update(b.ended(BuildStatus.FAILED, BuildExecution.RESTART_MESSAGE, Instant.now()));
        }
        for (Build b : repository.findByStatus(BuildStatus.PENDING)) {
            log.info("build {} was queued when the service stopped; queueing it again", b.id());
            queue.resubmit(executions.of(b));
        }
    }

    /** Queued builds stay pending (they run after the restart); running ones are stopped. */
    @Override
    public void close() {
        queue.close();
    }
}
