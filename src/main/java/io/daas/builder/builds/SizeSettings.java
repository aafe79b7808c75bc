package io.daas.builder.builds;

import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.InvalidSettingException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Checks the size settings at start-up, so a bad one stops the service naming it, not a build later. */
@Component
class SizeSettings {

    /** The engine refuses a memory limit below 6 MiB. */
    private static final long MIN_MEMORY = 6L * 1024 * 1024;

    SizeSettings(BuilderProperties properties) {
        Map<String, String> sizes = new LinkedHashMap<>();
        sizes.put("BUILD_MEMORY_LIMIT", properties.buildMemoryLimit());
        sizes.put("MAX_CONTEXT_SIZE", properties.maxContextSize());
        sizes.put("MAX_IMAGE_SIZE", properties.maxImageSize());
        sizes.put("MIN_FREE_DISK", properties.minFreeDiskBytes());
        sizes.put("BUILD_CACHE_BUDGET", properties.buildCacheBudget());
        sizes.put("BUILD_DISK_LIMIT", properties.steps().diskLimit());
        sizes.forEach(SizeSettings::check);
        Long memory = MemorySize.parse(properties.buildMemoryLimit());
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

    private static void check(String setting, String value) {
        try {
            Long bytes = MemorySize.parse(value);
            if (bytes != null && bytes < 0) {
                throw new IllegalArgumentException("'" + value + "' is negative");
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidSettingException(
                    setting,
                    e.getMessage() == null ? "'" + value + "' is not a size" : e.getMessage(),
                    "write a whole number of bytes or one with k, m or g, like 512m or 2g (0: no limit)",
                    e);
        }
    }
}
