package io.daas.builder.lifecycle;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildEventBus;
import io.daas.builder.builds.BuildEvents;
import io.daas.builder.builds.BuildFigures;
import io.daas.builder.builds.BuildFiguresRepository;
import io.daas.builder.builds.BuildState;
import io.daas.builder.engine.BuildResourceMonitor;
import io.daas.builder.logs.BuildLogs;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Follows running builds (log, phases, engine resources) and answers with their figures and eta. */
@Component
public class BuildTracker {

    private final BuildLogs logs;
    private final BuildFiguresRepository figures;
    private final BuildResourceMonitor monitor;
    private final BuildEventBus events;
    private final Map<String, TrackedBuild> live = new ConcurrentHashMap<>();

    BuildTracker(
            BuildLogs logs,
            BuildFiguresRepository figures,
            BuildResourceMonitor monitor,
            ObjectProvider<BuildEvents> listeners) {
        this.logs = logs;
        this.figures = figures;
        this.monitor = monitor;
        this.events = new BuildEventBus(listeners);
    }

    BuildEvents events() {
        return events;
    }

    /** Starts following a build about to run, on the thread that runs it. */
    TrackedBuild begin(BuildState state) {
        Build build = state.build();
        Long expected = figures.lastSuccessSeconds(build.bundleId(), build.id()).orElse(null);
        TrackedBuild tracked = new TrackedBuild(state, logs, monitor.watch(), expected, this::end);
        live.put(build.id(), tracked);
        return tracked;
    }

    /** The build's Dockerfile is stored: without an earlier build of its bundle, one of its plan gives the eta. */
    void planned(TrackedBuild tracked) {
        tracked.expectIfUnknown(
                () -> figures.lastSuccessSecondsOfPlan(tracked.build().id()));
    }

    /** A build that ended without running (cancelled while queued): listeners still hear of it. */
    void endedWithoutRunning(Build build) {
        BuildFigures none = BuildFigures.none();
        figures.save(build.id(), none);
        events.finished(build, none);
    }

    private void end(TrackedBuild tracked, BuildFigures result) {
        Build build = tracked.build();
        figures.save(build.id(), result);
        live.remove(build.id(), tracked);
        events.finished(build, result);
    }

    /** A build's figures: so far while it runs, as stored once it ended. */
    public BuildFigures figures(String buildId) {
        TrackedBuild tracked = live.get(buildId);
        if (tracked != null) {
            return tracked.figures();
        }
        return figures.find(buildId).orElseGet(BuildFigures::none);
    }
}
