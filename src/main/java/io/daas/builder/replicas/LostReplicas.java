package io.daas.builder.replicas;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.execution.BuildExecutions;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Recovers what a lost replica (its heartbeat older than {@code REPLICA_LOST_AFTER}) leaves: its running
 * builds fail naming it, and the queued builds only it could run (their secrets were in its memory) fail
 * with what to do. Builds it had claimed but not started go back to the queue through db-scheduler's
 * dead-execution handling ({@link SharedDispatch}). Every replica sweeps; a build ends once, whoever wins.
 */
final class LostReplicas {

    private static final Logger log = LoggerFactory.getLogger(LostReplicas.class);

    private final ReplicaDirectory directory;
    private final BuildRepository repository;
    private final BuildExecutions executions;
    private final JdbcClient jdbc;
    private final Duration lostAfter;

    LostReplicas(
            ReplicaDirectory directory,
            BuildRepository repository,
            BuildExecutions executions,
            JdbcClient jdbc,
            Duration lostAfter) {
        this.directory = directory;
        this.repository = repository;
        this.executions = executions;
        this.jdbc = jdbc;
        this.lostAfter = lostAfter;
    }

    static String lostMessage(String replica) {
        return "replica " + replica + " lost during the build";
    }

    /** One sweep: every replica lost now is recovered, then forgotten. */
    void sweep() {
        try {
            for (String replica : directory.lostSince(lostAfter)) {
                recover(replica);
            }
        } catch (RuntimeException e) {
            log.warn("could not look for lost replicas: {}", e.getMessage());
        }
    }

    /** A build that ran on {@code replica}, which is gone: failed, naming it (if nobody ended it first). */
    void failRunning(Build build, String replica) {
        if (executions.endElsewhere(build, BuildStatus.BUILDING, BuildStatus.FAILED, lostMessage(replica))) {
            log.warn("build {} failed: {}", build.id(), lostMessage(replica));
        }
    }

    private void recover(String replica) {
        log.warn("replica {} is lost (no heartbeat for {} s); recovering its builds", replica, lostAfter.toSeconds());
        for (Build build : repository.findRunningOn(replica)) {
            failRunning(build, replica);
        }
        failPinned(
                replica,
                "replica " + replica + " was lost before the build started, and only it could run the build (it held"
                        + " the build's secrets, which are never stored, or the image a reproduction compares with):"
                        + " submit the build again");
        directory.forget(replica);
    }

    /** Fails the queued builds only {@code replica} could run, and takes them out of the queue. */
    void failPinned(String replica, String message) {
        String task = SharedDispatch.pinnedTask(replica);
        List<String> ids = jdbc.sql("SELECT task_instance FROM scheduled_tasks WHERE task_name = :task")
                .param("task", task)
                .query(String.class)
                .list();
        for (String id : ids) {
            repository
                    .find(id)
                    .filter(build -> !build.status().isFinal())
                    .ifPresent(build -> executions.endElsewhere(build, build.status(), BuildStatus.FAILED, message));
            jdbc.sql("DELETE FROM scheduled_tasks WHERE task_name = :task AND task_instance = :id")
                    .param("task", task)
                    .param("id", id)
                    .update();
        }
    }
}
