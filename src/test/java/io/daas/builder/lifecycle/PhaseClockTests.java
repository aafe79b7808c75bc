package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.builds.BuildPhase;
import org.junit.jupiter.api.Test;

class PhaseClockTests {

    @Test
    void phasesAreListedInTheirOrderWithTheRunningOneCountedUpToNow() throws InterruptedException {
        PhaseClock clock = PhaseClock.STOPPED.start(BuildPhase.FETCH).start(BuildPhase.UNPACK);
        Thread.sleep(5);

        assertThat(clock.byName()).containsOnlyKeys("fetch", "unpack");
        assertThat(clock.byName().keySet()).containsExactly("fetch", "unpack");
        assertThat(clock.byName().get("unpack")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void stoppingKeepsEveryPhaseAndAddsUpARepeatedOne() {
        PhaseClock clock = PhaseClock.STOPPED
                .start(BuildPhase.BUILD)
                .start(BuildPhase.PUSH)
                .start(BuildPhase.BUILD)
                .stopped();

        assertThat(clock.phase()).isNull();
        assertThat(clock.millis()).containsOnlyKeys(BuildPhase.BUILD, BuildPhase.PUSH);
        assertThat(clock.byName().keySet()).containsExactly("build", "push");
        assertThat(clock.stopped()).isSameAs(clock);
    }
}
