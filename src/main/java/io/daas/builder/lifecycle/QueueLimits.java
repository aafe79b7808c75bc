package io.daas.builder.lifecycle;

import io.daas.builder.config.BuilderProperties;
import io.daas.builder.security.FairnessProperties;

/** The bounds of the build queue; per-tenant caps at or above the global ones mean no per-tenant cap. */
public record QueueLimits(int maxRunning, int maxWaiting, int tenantMaxRunning, int tenantMaxWaiting) {

    public QueueLimits {
        maxRunning = Math.max(1, maxRunning);
        maxWaiting = Math.max(0, maxWaiting);
        tenantMaxRunning = Math.max(1, Math.min(tenantMaxRunning, maxRunning));
        tenantMaxWaiting = Math.max(0, Math.min(tenantMaxWaiting, maxWaiting));
    }

    /** One tenant may use everything (no tokens: one local tenant). */
    static QueueLimits global(int maxRunning, int maxWaiting) {
        return new QueueLimits(maxRunning, maxWaiting, maxRunning, maxWaiting);
    }

    /** Per-tenant caps only with tokens: without them every build is the one local tenant's. */
    public static QueueLimits of(BuilderProperties p, FairnessProperties fairness, boolean tenants) {
        int running = p.maxConcurrentBuilds();
        int waiting = p.maxQueuedBuilds();
        return tenants
                ? new QueueLimits(
                        running, waiting, fairness.tenantMaxRunning(running), fairness.tenantMaxQueued(waiting))
                : global(running, waiting);
    }
}
