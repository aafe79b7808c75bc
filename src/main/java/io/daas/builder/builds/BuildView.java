package io.daas.builder.builds;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one projection of a build to JSON, with the original service's field names: the status and
 * list answers serialise it whole, the SSE status event and the webhook take their fields from it.
 */
public record BuildView(
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
        String walletAddress,
        @JsonInclude(JsonInclude.Include.NON_NULL) String replica) {

    /** The full view: the push (if the build asked for one), eta while it runs, phases, peaks. */
    public static BuildView of(Build b, List<String> logs, BuildPush push, BuildMeasurements f) {
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
                b.walletAddress(),
                b.replica());
    }

    /** The view of a build with its push, as lists show it. */
    public static BuildView of(Build b, List<String> logs, BuildPush push) {
        return of(b, logs, push, null);
    }

    /** The SSE {@code status} event's data: where the build is, and the id of the last log line sent. */
    public Map<String, Object> statusEvent(long lastEventId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("buildId", buildId);
        data.put("status", status.wireName());
        data.put("progress", progress);
        data.put("currentStep", currentStep);
        data.put("error", error);
        data.put("imageId", imageId);
        data.put("imageTag", imageTag);
        data.put("lastEventId", lastEventId);
        return data;
    }

    /** The webhook's {@code data}: the final record and its figures (every figure present, null or not). */
    public Map<String, Object> finishedEvent() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("buildId", buildId);
        data.put("bundleId", bundleId);
        data.put("status", status.wireName());
        data.put("progress", progress);
        data.put("currentStep", currentStep);
        data.put("error", error);
        data.put("imageId", imageId);
        data.put("imageTag", imageTag);
        data.put("size", size);
        data.put("startTime", startTime == null ? null : startTime.toString());
        data.put("buildStartTime", buildStartTime == null ? null : buildStartTime.toString());
        data.put("endTime", endTime == null ? null : endTime.toString());
        data.put("phases", phases);
        data.put("peakMemoryBytes", peakMemoryBytes);
        data.put("peakCpuPercent", peakCpuPercent);
        data.put("logTruncated", logTruncated);
        return data;
    }
}
