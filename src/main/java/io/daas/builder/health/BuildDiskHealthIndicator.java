package io.daas.builder.health;

import io.daas.builder.config.BuilderProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness: DOCKER_BUILD_DIR is writable and has at least READY_MIN_FREE_DISK bytes free ({@code buildDisk}). */
@Component("buildDisk")
class BuildDiskHealthIndicator implements HealthIndicator {

    private final BuilderProperties properties;

    BuildDiskHealthIndicator(BuilderProperties properties) {
        this.properties = properties;
    }

    @Override
    public Health health() {
        Path dir = properties.buildDir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
            long free = Files.getFileStore(dir).getUsableSpace();
            Health.Builder health = free >= properties.readyMinFreeDisk() ? Health.up() : Health.down();
            return health.withDetail("path", dir.toString())
                    .withDetail("free", free)
                    .withDetail("threshold", properties.readyMinFreeDisk())
                    .build();
        } catch (IOException | RuntimeException e) {
            return Health.down()
                    .withDetail("path", dir.toString())
                    .withDetail("error", "not usable (" + e.getMessage() + "); check DOCKER_BUILD_DIR")
                    .build();
        }
    }
}
