package io.daas.builder.replicas;

import io.daas.builder.lifecycle.QueueFullException;
import io.daas.builder.lifecycle.QueueLimits;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads of the shared queue's table (db-scheduler's {@code scheduled_tasks}) and the pending builds. */
final class QueueTable {

    /** The lowest priority a build gets (the column is a SMALLINT). */
    static final int LOWEST_PRIORITY = -32_000;

    private final JdbcClient jdbc;

    QueueTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Throws {@link QueueFullException} when the queue, or {@code tenant}'s part of it, is full. */
    void checkCapacity(QueueLimits limits, String tenant) {
        if (pendingBuilds(null) >= limits.maxWaiting()) {
            throw new QueueFullException(limits.maxWaiting());
        }
        int own = pendingBuilds(tenant);
        if (own >= limits.tenantMaxWaiting()) {
            throw QueueFullException.forTenant(tenant, own);
        }
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

    /**
     * The priority of a tenant's next build: round-robin between tenants, each tenant's builds in the
     * order sent. A build's round is one past the last round of the tenant's builds still waiting (0
     * when none waits), and claims take higher priorities first, so every tenant's first waiting build
     * comes before any tenant's second, whoever sent more. Priority = minus the round.
     */
    int nextPriority(String tenant) {
        Integer lowest = jdbc.sql("SELECT MIN(COALESCE(s.priority, 0)) FROM scheduled_tasks s JOIN builds b ON"
                        + " b.id = s.task_instance WHERE s.picked = FALSE AND b.tenant = :tenant")
                .param("tenant", tenant)
                .query(Integer.class)
                .optional()
                .orElse(null);
        return lowest == null ? 0 : Math.max(lowest - 1, LOWEST_PRIORITY);
    }

    /** 1-based place of a waiting build among the unclaimed ones, in claim order; 0 when not waiting. */
    int position(String buildId) {
        Optional<Place> place = jdbc.sql("SELECT COALESCE(priority, 0) AS priority, execution_time FROM"
                        + " scheduled_tasks WHERE task_instance = :id AND picked = FALSE")
                .param("id", buildId)
                .query((rs, row) -> new Place(rs.getInt("priority"), rs.getTimestamp("execution_time")))
                .optional();
        if (place.isEmpty()) {
            return 0;
        }
        return 1
                + jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE picked = FALSE AND (COALESCE(priority, 0) >"
                                + " :priority OR (COALESCE(priority, 0) = :priority AND (execution_time < :at OR"
                                + " (execution_time = :at AND task_instance < :id))))")
                        .param("priority", place.get().priority())
                        .param("at", place.get().at())
                        .param("id", buildId)
                        .query(Integer.class)
                        .single();
    }

    private record Place(int priority, Timestamp at) {}

    /** Deletes a build's queue entry if no replica has claimed it; true when it did. */
    boolean removeWaiting(String buildId) {
        return jdbc.sql("DELETE FROM scheduled_tasks WHERE task_instance = :id AND picked = FALSE")
                        .param("id", buildId)
                        .update()
                > 0;
    }
}
