package io.daas.builder.lifecycle;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildFigures;
import io.daas.builder.builds.BuildPhase;
import io.daas.builder.builds.BuildState;
import io.daas.builder.engine.ResourceWatch;
import io.daas.builder.logs.BuildLog;
import io.daas.builder.logs.BuildLogs;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** One running build as the tracker sees it: its open log, the phase clock and the resource watch. */
final class TrackedBuild implements AutoCloseable {

    static final String MDC_KEY = "buildId";
    private static final Logger logger = LoggerFactory.getLogger(TrackedBuild.class);

    private final BuildState state;
    private final BuildLogs logs;
    private final BuildLog log;
    private final ResourceWatch watch;
    /** Seconds an earlier build of the same bundle, or else of the same plan, took; null without one. */
    private volatile Long expectedSeconds;

    private final BiConsumer<TrackedBuild, BuildFigures> onEnd;
    /** Replaced whole under this build's lock, read without it: status polls never wait. */
    private volatile PhaseClock clock = PhaseClock.STOPPED;

    TrackedBuild(
            BuildState state,
            BuildLogs logs,
            ResourceWatch watch,
            Long expectedSeconds,
            BiConsumer<TrackedBuild, BuildFigures> onEnd) {
        this.state = state;
        this.logs = logs;
        this.log = logs.open(state.id());
        this.watch = watch;
        this.expectedSeconds = expectedSeconds;
        this.onEnd = onEnd;
        MDC.put(MDC_KEY, state.id());
    }

    Build build() {
        return state.build();
    }

    /** Ends the current phase, if any, and starts timing {@code next}. */
    synchronized void phase(BuildPhase next) {
        PhaseClock before = clock;
        clock = before.start(next);
        if (logger.isDebugEnabled()) {
            logger.debug(
                    "phase {} started{}",
                    next.wireName(),
                    before.phase() == null ? "" : " (" + before.phase().wireName() + " ended)");
        }
    }

    /** Once the plan is known: an earlier build of the same plan is the basis, if the bundle gave none. */
    void expectIfUnknown(Supplier<Optional<Long>> seconds) {
        if (expectedSeconds == null) {
            expectedSeconds = seconds.get().orElse(null);
        }
    }

    /** One line of the engine's output: kept in the log, and read for step containers to watch. */
    void log(String line) {
        log.append(line);
        watch.onLine(line);
    }

    BuildFigures figures() {
        return new BuildFigures(
                clock.byName(),
                watch.peakMemoryBytes(),
                watch.peakCpuPercent(),
                expectedSeconds,
                log.bytes(),
                log.truncated());
    }

    /** The build ended: stores the rest of its log and its figures, and tells the listeners. */
    @Override
    public void close() {
        try {
            synchronized (this) {
                clock = clock.stopped();
            }
            watch.close();
            logs.close(state.id(), log);
            BuildFigures figures = figures();
            logger.debug(
                    "ended: phases {} ms, peak memory {} B, peak CPU {}%, log {} B{}",
                    figures.phaseMillis(),
                    figures.peakMemoryBytes(),
                    figures.peakCpuPercent(),
                    figures.logBytes(),
                    figures.logTruncated() ? " (truncated)" : "");
            onEnd.accept(this, figures);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
