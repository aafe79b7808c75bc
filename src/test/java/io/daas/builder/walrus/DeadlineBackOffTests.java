package io.daas.builder.walrus;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.MovingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

class DeadlineBackOffTests {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void pausesDoubleUpToFourSecondsAndTheLastTryFallsOnTheDeadline() {
        Instant deadline = START.plusSeconds(10);
        MovingClock clock = new MovingClock(START);
        BackOffExecution pauses = new DeadlineBackOff(deadline, clock).start();

        List<Long> taken = new ArrayList<>();
        for (long pause = pauses.nextBackOff(); pause != BackOffExecution.STOP; pause = pauses.nextBackOff()) {
            taken.add(pause);
            clock.advance(Duration.ofMillis(pause));
        }

        assertThat(taken).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 2250L);
        assertThat(clock.instant()).isEqualTo(deadline);
    }

    @Test
    void noPauseOnceTheDeadlineHasPassed() {
        MovingClock clock = new MovingClock(START.plusSeconds(31));

        assertThat(new DeadlineBackOff(START.plusSeconds(30), clock).start().nextBackOff())
                .isEqualTo(BackOffExecution.STOP);
    }
}
