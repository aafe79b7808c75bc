package io.daas.builder.walrus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

class DeadlineBackOffTests {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void pausesDoubleUpToFourSecondsAndTheLastTryFallsOnTheDeadline() {
        Instant deadline = START.plusSeconds(10);
        MovingClock clock = new MovingClock();
        BackOffExecution pauses = new DeadlineBackOff(deadline, clock).start();

        List<Long> taken = new ArrayList<>();
        for (long pause = pauses.nextBackOff(); pause != BackOffExecution.STOP; pause = pauses.nextBackOff()) {
            taken.add(pause);
            clock.now = clock.now.plusMillis(pause);
        }

        assertThat(taken).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 2250L);
        assertThat(clock.now).isEqualTo(deadline);
    }

    @Test
    void noPauseOnceTheDeadlineHasPassed() {
        MovingClock clock = new MovingClock();
        clock.now = START.plus(Duration.ofSeconds(31));

        assertThat(new DeadlineBackOff(START.plusSeconds(30), clock).start().nextBackOff())
                .isEqualTo(BackOffExecution.STOP);
    }

    /** A clock the test moves by hand. */
    private static final class MovingClock extends Clock {
        Instant now = START;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
