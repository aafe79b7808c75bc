package io.daas.builder.execution;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildFinished;
import io.daas.builder.builds.BuildMeasurements;
import io.daas.builder.builds.BuildMeasurementsRepository;
import io.daas.builder.engine.ImageEngine;
import io.daas.builder.logs.LogStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Follows running builds (log, phases, engine resources) and answers with their figures and eta. */
@Component
public class BuildTracker {

    static final String MDC_KEY = "buildId";
    private static final Logger log = LoggerFactory.getLogger(BuildTracker.class);

    private final LogStore logs;
    private final BuildMeasurementsRepository figures;
    private final ImageEngine engine;
    private final ApplicationEventPublisher events;
    private final Map<String, RunningBuild> live = new ConcurrentHashMap<>();

    BuildTracker(
            LogStore logs, BuildMeasurementsRepository figures, ImageEngine engine, ApplicationEventPublisher events) {
        this.logs = logs;
        this.figures = figures;
        this.engine = engine;
        this.events = events;
    }

    /** Starts following a build about to run, on the thread that runs it. */
    void begin(RunningBuild running) {
        Build build = running.build();
        Long expected = figures.lastSuccessSeconds(build.bundleId(), build.id()).orElse(null);
        running.open(logs.open(build.id()), engine.watchResources(), expected);
        live.put(build.id(), running);
        MDC.put(MDC_KEY, build.id());
    }

    /** The build's Dockerfile is stored: without an earlier build of its bundle, one of its plan gives the eta. */
    void planned(RunningBuild running) {
        running.expectIfUnknown(() -> figures.lastSuccessSecondsOfPlan(running.id()));
    }

    /** The build ended: stores the rest of its log and its figures, and tells the listeners. */
    void end(RunningBuild running) {
        try {
            running.stop();
            logs.close(running.id(), running.log());
            BuildMeasurements result = running.figures();
            log.debug(
                    "ended: phases {} ms, peak memory {} B, peak CPU {}%, log {} B{}",
                    result.phaseMillis(),
                    result.peakMemoryBytes(),
                    result.peakCpuPercent(),
                    result.logBytes(),
                    result.logTruncated() ? " (truncated)" : "");
            Build build = running.build();
            figures.save(build.id(), result);
            live.remove(build.id(), running);
            if (build.status().isFinal()) {
                // a build handed back to the queue is not finished: another replica runs it
                BuildEventsOut.publish(events, new BuildFinished(build, result));
            }
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** A build that ended without running (cancelled while queued): listeners still hear of it. */
    void endedWithoutRunning(Build build) {
        BuildMeasurements none = BuildMeasurements.none();
        figures.save(build.id(), none);
        BuildEventsOut.publish(events, new BuildFinished(build, none));
    }

    /** A build's figures: so far while it runs, as stored once it ended. */
    public BuildMeasurements figures(String buildId) {
        RunningBuild running = live.get(buildId);
        if (running != null) {
            return running.figures();
        }
        return figures.find(buildId).orElseGet(BuildMeasurements::none);
    }
}
