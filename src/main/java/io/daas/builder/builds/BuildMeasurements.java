package io.daas.builder.builds;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a build cost, kept on its record.
 *
 * @param phaseMillis milliseconds spent in each phase it went through (fetch, unpack, plan, build, push)
 * @param peakMemoryBytes the most memory a build step used on the engine, or null when none was measured
 * @param peakCpuPercent the most CPU a build step used (100 = one core), or null when none was measured
 * @param expectedSeconds how long an earlier successful build of the same bundle took, the basis of the eta
 * @param logBytes bytes of log kept
 * @param logTruncated whether the log reached MAX_LOG_BYTES
 */
public record BuildMeasurements(
        Map<String, Long> phaseMillis,
        Long peakMemoryBytes,
        Double peakCpuPercent,
        Long expectedSeconds,
        long logBytes,
        boolean logTruncated) {

    public BuildMeasurements {
        // in phase order, as given
        phaseMillis = phaseMillis == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(phaseMillis));
    }

    public static BuildMeasurements none() {
        return new BuildMeasurements(Map.of(), null, null, null, 0, false);
    }

    /** Seconds left by the earlier build's duration, while the build runs; null without a basis. */
    public Long etaSeconds(Build build, Instant now) {
        if (expectedSeconds == null
                || build.startedAt() == null
                || build.status().isFinal()) {
            return null;
        }
        long elapsed = Duration.between(build.startedAt(), now).toSeconds();
        return Math.max(0, expectedSeconds - elapsed);
    }
}
