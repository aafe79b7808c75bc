package io.daas.builder.lifecycle;

import io.daas.builder.builds.BuildPhase;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A build's phase durations, immutable: time spent in each ended phase, and the phase running now
 * (null when none) since when ({@link System#nanoTime()}).
 */
record PhaseClock(Map<BuildPhase, Long> millis, BuildPhase phase, long since) {

    static final PhaseClock STOPPED = new PhaseClock(Map.of(), null, 0);

    PhaseClock stopped() {
        if (phase == null) {
            return this;
        }
        Map<BuildPhase, Long> ended = new EnumMap<>(BuildPhase.class);
        ended.putAll(millis);
        ended.merge(phase, (System.nanoTime() - since) / 1_000_000, Long::sum);
        return new PhaseClock(Map.copyOf(ended), null, 0);
    }

    PhaseClock start(BuildPhase next) {
        return new PhaseClock(stopped().millis, next, System.nanoTime());
    }

    /** Each phase's milliseconds in phase order, the running one counted up to now. */
    Map<String, Long> byName() {
        Map<String, Long> phases = new LinkedHashMap<>();
        for (BuildPhase p : BuildPhase.values()) {
            Long ms = millis.get(p);
            if (p == phase) {
                ms = (ms == null ? 0 : ms) + (System.nanoTime() - since) / 1_000_000;
            }
            if (ms != null) {
                phases.put(p.wireName(), ms);
            }
        }
        return phases;
    }
}
