package io.daas.builder.replicas;

import io.daas.builder.builds.Build;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.security.FairnessProperties;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code TENANT_MAX_RUNNING} across every replica (with API tokens): a claimed build starts only while
 * its tenant has fewer builds running anywhere, checked and marked {@code building} in one transaction
 * under a per-tenant advisory lock, so two replicas starting the same tenant's builds at once still
 * count each other. The cap is {@code TENANT_MAX_RUNNING}, or (0) every live replica's slots but one.
 */
final class TenantTurns {

    /** How long a build whose tenant is at its cap waits before a replica claims it again. */
    static final Duration RETRY = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ReplicaDirectory directory;
    private final boolean tenants;
    private final int configured;
    private final int slots;
    private final Duration lostAfter;

    /**
     * @param tenants whether builds belong to tenants (API tokens); without, no cap
     * @param configured {@code TENANT_MAX_RUNNING}, 0 for automatic
     * @param slots {@code MAX_CONCURRENT_BUILDS}, each replica's
     */
    TenantTurns(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ReplicaDirectory directory,
            boolean tenants,
            int configured,
            int slots,
            Duration lostAfter) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.directory = directory;
        this.tenants = tenants;
        this.configured = configured;
        this.slots = slots;
        this.lostAfter = lostAfter;
    }

    /** The turns of this replica's settings: {@code TENANT_MAX_RUNNING}, its slots, {@code REPLICA_LOST_AFTER}. */
    static TenantTurns of(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ReplicaDirectory directory,
            BuilderProperties properties,
            FairnessProperties fairness,
            boolean tenants) {
        return new TenantTurns(
                jdbc,
                transactions,
                directory,
                tenants,
                fairness.tenantMaxRunning(),
                properties.maxConcurrentBuilds(),
                Duration.ofSeconds(properties.replica().lostAfterSeconds()));
    }

    /**
     * Marks a claimed build {@code building} on this replica unless its tenant already runs as many as
     * it may; false when it must wait (or is no longer pending).
     */
    boolean start(Build build, Instant at) {
        if (!tenants) {
            return true;
        }
        Boolean started = transactions.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:tenant))")
                    .param("tenant", "daas-tenant:" + build.tenant())
                    .query((rs, row) -> 1)
                    .list();
            int running = jdbc.sql("SELECT COUNT(*) FROM builds WHERE status = 'building' AND tenant = :tenant")
                    .param("tenant", build.tenant())
                    .query(Integer.class)
                    .single();
            if (running >= cap()) {
                return false;
            }
            return jdbc.sql("UPDATE builds SET status = 'building', replica = :replica, started_at = :at"
                                    + " WHERE id = :id AND status = 'pending'")
                            .param("replica", directory.self())
                            .param("at", Timestamp.from(at))
                            .param("id", build.id())
                            .update()
                    == 1;
        });
        return Boolean.TRUE.equals(started);
    }

    /** A tenant's most running builds across the replicas. */
    int cap() {
        if (configured > 0) {
            return configured;
        }
        int replicas = Math.max(1, directory.aliveCount(lostAfter));
        return Math.max(1, replicas * slots - 1);
    }
}
