package io.daas.builder.build;

import io.daas.builder.engine.ResourceWatch;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.MDC;

/** One running build as the tracker sees it: its open log, the phase clock and the resource watch. */
final class TrackedBuild implements AutoCloseable {

    static final String MDC_KEY = "buildId";

    private final BuildState state;
    private final BuildLogs logs;
    private final BuildLog log;
    private final ResourceWatch watch;
    private final Long expectedSeconds;
    private final BiConsumer<TrackedBuild, BuildFigures> onEnd;
    private final Map<BuildPhase, Long> millis = new EnumMap<>(BuildPhase.class);
    private BuildPhase phase;
    private long phaseStart;

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
        endPhase();
        phase = next;
        phaseStart = System.nanoTime();
    }

    private void endPhase() {
        if (phase != null) {
            millis.merge(phase, (System.nanoTime() - phaseStart) / 1_000_000, Long::sum);
            phase = null;
        }
    }

    /** One line of the engine's output: kept in the log, and read for step containers to watch. */
    void log(String line) {
        log.append(line);
        watch.onLine(line);
    }

    synchronized BuildFigures figures() {
        Map<String, Long> phases = new LinkedHashMap<>();
        millis.forEach((p, ms) -> phases.put(p.wireName(), ms));
        if (phase != null) {
            phases.merge(phase.wireName(), (System.nanoTime() - phaseStart) / 1_000_000, Long::sum);
        }
        return new BuildFigures(
                phases, watch.peakMemoryBytes(), watch.peakCpuPercent(), expectedSeconds, log.bytes(), log.truncated());
    }

    /** The build ended: stores the rest of its log and its figures, and tells the listeners. */
    @Override
    public void close() {
        try {
            synchronized (this) {
                endPhase();
            }
            watch.close();
            logs.close(state.id(), log);
            onEnd.accept(this, figures());
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
