package io.daas.builder.walrus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Pauses between Walrus reads: 250 ms doubling up to 4 s, the last one shortened so that the last
 * try falls on the deadline (WALRUS_FETCH_TIMEOUT from the first), and no pause once it has passed.
 */
final class DeadlineBackOff implements BackOff {

    static final Duration FIRST = Duration.ofMillis(250);
    static final Duration MAX = Duration.ofSeconds(4);

    private final Instant deadline;
    private final Clock clock;

    DeadlineBackOff(Instant deadline, Clock clock) {
        this.deadline = deadline;
        this.clock = clock;
    }

    @Override
    public BackOffExecution start() {
        ExponentialBackOff doubling = new ExponentialBackOff(FIRST.toMillis(), 2);
        doubling.setMaxInterval(MAX.toMillis());
        BackOffExecution next = doubling.start();
        return () -> {
            long left = Duration.between(clock.instant(), deadline).toMillis();
            return left <= 0 ? BackOffExecution.STOP : Math.min(next.nextBackOff(), left);
        };
    }
}
