package io.daas.builder.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SubmissionRateLimiterTests {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void eachTenantGetsItsOwnMinute() {
        SubmissionRateLimiter limiter = new SubmissionRateLimiter(2, clock);
        limiter.acquire("a");
        now = now.plusSeconds(20);
        limiter.acquire("a");
        limiter.acquire("b");

        assertThatThrownBy(() -> limiter.acquire("a"))
                .isInstanceOfSatisfying(
                        RateLimitExceededException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(40))
                .hasMessageContaining("BUILD_RATE_LIMIT");

        now = now.plus(Duration.ofSeconds(40));
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
