package io.daas.builder.replicas;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/** The db-scheduler task that runs a claimed build: its instance id is the build id. */
final class BuildTasks {

    private BuildTasks() {}

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
