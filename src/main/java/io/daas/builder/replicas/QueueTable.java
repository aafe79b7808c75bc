package io.daas.builder.replicas;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads of the shared queue's table (db-scheduler's {@code scheduled_tasks}) and the pending builds. */
final class QueueTable {

    private final JdbcClient jdbc;

    QueueTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Builds waiting (pending) in the whole queue, or of one tenant when {@code tenant} is not null. */
    int pendingBuilds(String tenant) {
        return tenant == null
                ? jdbc.sql("SELECT COUNT(*) FROM builds WHERE status = 'pending'")
                        .query(Integer.class)
                        .single()
                : jdbc.sql("SELECT COUNT(*) FROM builds WHERE status = 'pending' AND tenant = :tenant")
                        .param("tenant", tenant)
                        .query(Integer.class)
                        .single();
    }

    /** Builds queued and not claimed by any replica. */
    int waiting() {
        return jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE picked = FALSE")
                .query(Integer.class)
                .single();
    }

    /** Whether a build is in the queue (waiting or claimed). */
    boolean queued(String buildId) {
        return jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = :id")
                        .param("id", buildId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** 1-based place of a waiting build among the unclaimed ones, oldest first; 0 when not waiting. */
    int position(String buildId) {
        Optional<Timestamp> at = jdbc.sql(
                        "SELECT execution_time FROM scheduled_tasks WHERE task_instance = :id AND picked = FALSE")
                .param("id", buildId)
                .query(Timestamp.class)
                .optional();
        if (at.isEmpty()) {
            return 0;
        }
        return 1
                + jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE picked = FALSE AND (execution_time < :at"
                                + " OR (execution_time = :at AND task_instance < :id))")
                        .param("at", at.get())
                        .param("id", buildId)
                        .query(Integer.class)
                        .single();
    }

    /** Deletes a build's queue entry if no replica has claimed it; true when it did. */
    boolean removeWaiting(String buildId) {
        return jdbc.sql("DELETE FROM scheduled_tasks WHERE task_instance = :id AND picked = FALSE")
                        .param("id", buildId)
                        .update()
                > 0;
    }
}
