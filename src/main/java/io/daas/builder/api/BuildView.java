package io.daas.builder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildFigures;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.push.BuildPush;
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
        @JsonInclude(JsonInclude.Include.NON_NULL) BuildPush push,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long eta,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> phases,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long peakMemoryBytes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double peakCpuPercent,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean logTruncated,

        String tenant,
        String walletAddress) {

    /** The full view: the push (if the build asked for one), eta while it runs, phases, peaks. */
    static BuildView of(Build b, List<String> logs, BuildPush push, BuildFigures f) {
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
                push,
                f == null ? null : f.etaSeconds(b, Instant.now()),
                f == null ? null : f.phaseMillis(),
                f == null ? null : f.peakMemoryBytes(),
                f == null ? null : f.peakCpuPercent(),
                f == null ? null : f.logTruncated(),
                b.tenant(),
                b.walletAddress());
    }

    /** The view of a build with its push, as lists show it. */
    static BuildView of(Build b, List<String> logs, BuildPush push) {
        return of(b, logs, push, null);
    }
}
