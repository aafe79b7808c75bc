package io.daas.builder.execution;

import io.daas.builder.builds.BuildPhase;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A build's phase durations, immutable: time spent in each ended phase, and the phase running now
 * (null when none) since when (milliseconds of the given {@link Clock}).
 */
record PhaseClock(Map<BuildPhase, Long> millis, BuildPhase phase, long since) {

    static final PhaseClock STOPPED = new PhaseClock(Map.of(), null, 0);

    PhaseClock stopped(Clock clock) {
        if (phase == null) {
            return this;
        }
        Map<BuildPhase, Long> ended = new EnumMap<>(BuildPhase.class);
        ended.putAll(millis);
        ended.merge(phase, Math.max(0, clock.millis() - since), Long::sum);
        return new PhaseClock(Map.copyOf(ended), null, 0);
    }

    PhaseClock start(BuildPhase next, Clock clock) {
        return new PhaseClock(stopped(clock).millis, next, clock.millis());
    }

    /** Each phase's milliseconds in phase order, the running one counted up to now. */
    Map<String, Long> byName(Clock clock) {
        Map<String, Long> phases = new LinkedHashMap<>();
        for (BuildPhase p : BuildPhase.values()) {
            Long ms = millis.get(p);
            if (p == phase) {
                ms = (ms == null ? 0 : ms) + Math.max(0, clock.millis() - since);
            }
            if (ms != null) {
                phases.put(p.wireName(), ms);
            }
        }
        return phases;
    }
}
