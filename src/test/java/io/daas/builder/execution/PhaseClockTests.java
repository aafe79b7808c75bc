package io.daas.builder.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.builds.BuildPhase;
import io.daas.builder.support.MovingClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PhaseClockTests {

    private final MovingClock time = new MovingClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void phasesAreListedInTheirOrderWithTheRunningOneCountedUpToNow() {
        PhaseClock clock = PhaseClock.STOPPED.start(BuildPhase.FETCH, time).start(BuildPhase.UNPACK, time);
        time.advance(Duration.ofMillis(5));

        assertThat(clock.byName(time)).containsOnlyKeys("fetch", "unpack");
        assertThat(clock.byName(time).keySet()).containsExactly("fetch", "unpack");
        assertThat(clock.byName(time).get("unpack")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void stoppingKeepsEveryPhaseAndAddsUpARepeatedOne() {
        PhaseClock clock = PhaseClock.STOPPED
                .start(BuildPhase.BUILD, time)
                .start(BuildPhase.PUSH, time)
                .start(BuildPhase.BUILD, time)
                .stopped(time);

        assertThat(clock.phase()).isNull();
        assertThat(clock.millis()).containsOnlyKeys(BuildPhase.BUILD, BuildPhase.PUSH);
        assertThat(clock.byName(time).keySet()).containsExactly("build", "push");
        assertThat(clock.stopped(time)).isSameAs(clock);
    }
}
