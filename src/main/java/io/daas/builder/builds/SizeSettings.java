package io.daas.builder.builds;

import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.InvalidSettingException;
import org.springframework.stereotype.Component;

/**
 * Checks the bounds of settings at start-up, so a bad one stops the service naming it, not a build
 * later (sizes that are no size already stop it when they are bound, see {@code ByteSizeConverter}).
 */
@Component
class SizeSettings {

    /** The engine refuses a memory limit below 6 MiB. */
    private static final long MIN_MEMORY = 6L * 1024 * 1024;

    SizeSettings(BuilderProperties properties) {
        Long memory = properties.buildMemoryLimit().orNull();
        if (memory != null && memory < MIN_MEMORY) {
            throw new InvalidSettingException(
                    "BUILD_MEMORY_LIMIT",
                    "'" + properties.buildMemoryLimit() + "' is below the engine's minimum of 6m",
                    "set it to at least 6m (the default is 2g), or 0 for no limit",
                    null);
        }
        if (properties.steps().pidsLimit() < 0) {
            throw new InvalidSettingException(
                    "BUILD_PIDS_LIMIT",
                    properties.steps().pidsLimit() + " is negative",
                    "set it to the processes a build may run at once, like 1024, or 0 for no limit",
                    null);
        }
    }
}
