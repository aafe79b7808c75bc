package io.daas.builder.replicas;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A claim whose replica stopped heartbeating (killed, or hung): a build it had not started yet goes
 * back to the queue at its old place, for another replica; one it was running fails, naming it.
 */
final class DeadClaims implements DeadExecutionHandler<Void> {

    private static final Logger log = LoggerFactory.getLogger(DeadClaims.class);

    private final BuildRepository repository;
    private final LostReplicas lost;

    DeadClaims(BuildRepository repository, LostReplicas lost) {
        this.repository = repository;
        this.lost = lost;
    }

    @Override
    public void deadExecution(ExecutionComplete complete, ExecutionOperations<Void> operations) {
        String buildId = complete.getExecution().taskInstance.getId();
        String replica = complete.getExecution().pickedBy;
        Optional<Build> build = repository.find(buildId);
        if (build.isPresent() && build.get().status() == BuildStatus.PENDING) {
            log.warn("replica {} claimed build {} and stopped before starting it: queued again", replica, buildId);
            operations.reschedule(complete, build.get().createdAt());
            return;
        }
        if (build.isPresent() && build.get().status() == BuildStatus.BUILDING) {
            lost.failRunning(build.get(), replica);
        }
        operations.remove();
    }
}
