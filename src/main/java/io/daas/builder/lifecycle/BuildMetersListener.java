package io.daas.builder.lifecycle;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildFinished;
import io.daas.builder.builds.BuildMeasurements;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.BuildStatusChanged;
import io.daas.builder.metrics.BuilderMetrics;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Feeds build events into the service's meters: started, finished by status, durations, queue. */
@Component
class BuildMetersListener {

    private final BuilderMetrics metrics;

    BuildMetersListener(BuilderMetrics metrics, ObjectProvider<BuildService> builds) {
        this.metrics = metrics;
        metrics.gauge(
                "daas.builds.queued",
                "Builds waiting for a free slot",
                () -> builds.getObject().queueDepth());
        metrics.gauge(
                "daas.builds.running",
                "Builds running now",
                () -> builds.getObject().runningCount());
    }

    @EventListener
    void statusChanged(BuildStatusChanged changed) {
        Build build = changed.build();
        BuildStatus previous = changed.previous();
        if (build.status() == BuildStatus.BUILDING && previous != BuildStatus.BUILDING) {
            metrics.buildStarted();
        }
    }

    @EventListener
    void finished(BuildFinished finished) {
        Build build = finished.build();
        BuildMeasurements figures = finished.figures();
        Duration ran = build.startedAt() == null || build.endedAt() == null
                ? null
                : Duration.between(build.startedAt(), build.endedAt());
        metrics.buildFinished(build.status().wireName(), ran);
        figures.phaseMillis().forEach((phase, ms) -> metrics.phase(phase, Duration.ofMillis(ms)));
    }
}
