package io.daas.builder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.daas.builder.build.Build;
import io.daas.builder.build.BuildPush;
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
        @JsonInclude(JsonInclude.Include.NON_NULL) BuildPush push) {

    /** The view of a build with its push, if it asked for one ({@code pushes} by build id). */
    static BuildView of(Build b, List<String> logs, Map<String, BuildPush> pushes) {
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
                pushes.get(b.id()));
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
                null);
    }
}
