package io.daas.builder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.daas.builder.build.Build;
import io.daas.builder.build.BuildFigures;
import io.daas.builder.build.BuildStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A build as the API shows it, with the original service's field names. */
record BuildView(
        String buildId,
        String bundleId,
        BuildStatus status,
        int progress,
        String currentStep,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> logs,
        String error,
        String imageId,
        String imageTag,
        Long size,
        Instant startTime,
        Instant buildStartTime,
        Instant endTime,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long eta,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> phases,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long peakMemoryBytes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double peakCpuPercent,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean logTruncated) {

    /** With the build's figures: eta while it runs, phase durations, engine resource peaks. */
    static BuildView of(Build b, List<String> logs, BuildFigures f) {
        BuildView v = of(b, logs);
        return new BuildView(
                v.buildId,
                v.bundleId,
                v.status,
                v.progress,
                v.currentStep,
                v.logs,
                v.error,
                v.imageId,
                v.imageTag,
                v.size,
                v.startTime,
                v.buildStartTime,
                v.endTime,
                f.etaSeconds(b, Instant.now()),
                f.phaseMillis(),
                f.peakMemoryBytes(),
                f.peakCpuPercent(),
                f.logTruncated());
    }

    static BuildView of(Build b, List<String> logs) {
        return new BuildView(
                b.id(),
                b.bundleId(),
                b.status(),
                b.progress(),
                b.currentStep(),
                logs,
                b.error(),
                b.imageId(),
                b.imageTag(),
                b.size(),
                b.createdAt(),
                b.startedAt(),
                b.endedAt(),
                null,
                null,
                null,
                null,
                null);
    }
}
