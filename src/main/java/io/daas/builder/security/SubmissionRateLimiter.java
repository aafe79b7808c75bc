package io.daas.builder.security;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Per-tenant limit on build submissions: at most BUILD_RATE_LIMIT in any sliding minute. Kept in
 * memory, so each replica counts on its own.
 */
@Component
public class SubmissionRateLimiter {

    private final TenantRateLimit limit;

    @Autowired
    SubmissionRateLimiter(SecurityProperties properties) {
        this(properties.buildRateLimit(), Clock.systemUTC());
    }

    SubmissionRateLimiter(int limit, Clock clock) {
        this.limit = new TenantRateLimit("build submissions", "BUILD_RATE_LIMIT", limit, clock);
    }

    /**
     * Counts one submission of the tenant.
     *
     * @throws RateLimitExceededException when the tenant already used its submissions of the last minute
     */
    public void acquire(String tenant) {
        limit.acquire(tenant);
    }
}
