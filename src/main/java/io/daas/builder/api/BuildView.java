package io.daas.builder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.daas.builder.build.Build;
import io.daas.builder.build.BuildStatus;
import java.time.Instant;
import java.util.List;

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
        String tenant,
        String walletAddress) {

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
                b.tenant(),
                b.walletAddress());
    }
}
