package io.daas.builder.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fairness between tenants, bound from the documented environment variables in application.yml.
 * Per-tenant caps apply only with API tokens (without them there is one local tenant).
 *
 * @param tenantMaxRunning builds of one tenant running at once ({@code TENANT_MAX_RUNNING}); 0 = automatic:
 *     MAX_CONCURRENT_BUILDS - 1 (at least 1), so one tenant never holds every slot
 * @param tenantMaxQueued builds of one tenant waiting at once ({@code TENANT_MAX_QUEUED}); 0 = automatic: a
 *     quarter of MAX_QUEUED_BUILDS (at least 1)
 * @param tenantMaxStreams live log streams one tenant may hold open ({@code TENANT_MAX_STREAMS}, default 32)
 * @param uploadRateLimit bundle uploads per tenant per minute ({@code UPLOAD_RATE_LIMIT}, default 30; 0 = none)
 * @param planRateLimit plans per tenant per minute ({@code PLAN_RATE_LIMIT}, default 30; 0 = none)
 * @param maxBodyRequests requests with a body being handled at once; more answer 503 at once ({@code
 *     MAX_BODY_REQUESTS}, default 64)
 * @param minBodyRate bytes per second a request body must average after its first 10 s ({@code MIN_BODY_RATE},
 *     default 1024; 0 = no minimum)
 */
@ConfigurationProperties("builder.fairness")
public record FairnessProperties(
        @DefaultValue("0") int tenantMaxRunning,
        @DefaultValue("0") int tenantMaxQueued,
        @DefaultValue("32") int tenantMaxStreams,
        @DefaultValue("30") int uploadRateLimit,
        @DefaultValue("30") int planRateLimit,
        @DefaultValue("64") int maxBodyRequests,
        @DefaultValue("1024") long minBodyRate) {

    /** Running builds one tenant may have, given MAX_CONCURRENT_BUILDS. */
    public int tenantMaxRunning(int maxConcurrentBuilds) {
        return tenantMaxRunning > 0 ? tenantMaxRunning : Math.max(1, maxConcurrentBuilds - 1);
    }

    /** Waiting builds one tenant may have, given MAX_QUEUED_BUILDS. */
    public int tenantMaxQueued(int maxQueuedBuilds) {
        return tenantMaxQueued > 0 ? tenantMaxQueued : Math.max(1, maxQueuedBuilds / 4);
    }
}
