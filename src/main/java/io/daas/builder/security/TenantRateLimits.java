package io.daas.builder.security;

import java.time.Clock;
import org.springframework.stereotype.Component;

/** Per-tenant limits on bundle uploads (UPLOAD_RATE_LIMIT) and plans (PLAN_RATE_LIMIT) per minute. */
@Component
public class TenantRateLimits {

    private final TenantRateLimit uploads;
    private final TenantRateLimit plans;

    TenantRateLimits(FairnessProperties properties) {
        this.uploads = new TenantRateLimit(
                "bundle uploads", "UPLOAD_RATE_LIMIT", properties.uploadRateLimit(), Clock.systemUTC());
        this.plans = new TenantRateLimit("plans", "PLAN_RATE_LIMIT", properties.planRateLimit(), Clock.systemUTC());
    }

    public TenantRateLimit uploads() {
        return uploads;
    }

    public TenantRateLimit plans() {
        return plans;
    }
}
