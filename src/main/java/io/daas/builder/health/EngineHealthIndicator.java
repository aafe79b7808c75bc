package io.daas.builder.health;

import io.daas.builder.config.BuilderProperties;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.engine.ImageEngine;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness: the Docker engine answers a ping ({@code engine} in /actuator/health, with the name of
 * the replica whose engine it is).
 */
@Component("engine")
class EngineHealthIndicator implements HealthIndicator {

    private final ImageEngine engine;
    private final String replica;

    EngineHealthIndicator(ImageEngine engine, BuilderProperties properties) {
        this.engine = engine;
        this.replica = properties.replica().name();
    }

    @Override
    public Health health() {
        try {
            engine.ping();
            return Health.up()
                    .withDetail("replica", replica)
                    .withDetail("host", engine.host())
                    .build();
        } catch (EngineUnavailableException e) {
            return Health.down()
                    .withDetail("replica", replica)
                    .withDetail("error", e.getMessage())
                    .build();
        }
    }
}
