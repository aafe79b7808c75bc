package io.daas.builder.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Per-tenant limit on build submissions: at most BUILD_RATE_LIMIT in any sliding minute. Kept in
 * memory, so each replica counts on its own.
 */
@Component
public class SubmissionRateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int limit;
    private final Clock clock;
    private final ConcurrentMap<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    @Autowired
    SubmissionRateLimiter(SecurityProperties properties) {
        this(properties.buildRateLimit(), Clock.systemUTC());
    }

    SubmissionRateLimiter(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * Counts one submission of the tenant.
     *
     * @throws RateLimitExceededException when the tenant already used its submissions of the last minute
     */
    public void acquire(String tenant) {
        if (limit <= 0) {
            return;
        }
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(tenant, t -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                Duration wait = Duration.between(now, times.peekFirst().plus(WINDOW));
                throw new RateLimitExceededException(limit, Math.max(1, (wait.toMillis() + 999) / 1000));
            }
            times.addLast(now);
        }
    }
}
