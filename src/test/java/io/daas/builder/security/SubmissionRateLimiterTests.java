package io.daas.builder.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.support.MovingClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubmissionRateLimiterTests {

    private final MovingClock clock = new MovingClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void eachTenantGetsItsOwnMinute() {
        SubmissionRateLimiter limiter = new SubmissionRateLimiter(2, clock);
        limiter.acquire("a");
        clock.advance(Duration.ofSeconds(20));
        limiter.acquire("a");
        limiter.acquire("b");

        assertThatThrownBy(() -> limiter.acquire("a"))
                .isInstanceOfSatisfying(
                        RateLimitExceededException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(40))
                .hasMessageContaining("BUILD_RATE_LIMIT");

        clock.advance(Duration.ofSeconds(40));
        limiter.acquire("a");
    }

    @Test
    void zeroMeansNoLimit() {
        SubmissionRateLimiter limiter = new SubmissionRateLimiter(0, clock);
        for (int i = 0; i < 1000; i++) {
            limiter.acquire("a");
        }
    }
}
