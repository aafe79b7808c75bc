package io.daas.builder.health;

import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.engine.ImageEngine;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness: the Docker engine answers a ping ({@code engine} in /actuator/health). */
@Component("engine")
class EngineHealthIndicator implements HealthIndicator {

    private final ImageEngine engine;

    EngineHealthIndicator(ImageEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        try {
            engine.ping();
            return Health.up().withDetail("host", engine.host()).build();
        } catch (EngineUnavailableException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
