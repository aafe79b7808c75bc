package io.daas.builder.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** At most {@code limit} requests of one kind per tenant in any sliding minute (0: no limit), in memory. */
public final class TenantRateLimit {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final String what;
    private final String setting;
    private final int limit;
    private final Clock clock;
    private final ConcurrentMap<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    /**
     * @param what the requests counted, for messages ("bundle uploads")
     * @param setting the setting that sets the limit, for messages ("UPLOAD_RATE_LIMIT")
     */
    TenantRateLimit(String what, String setting, int limit, Clock clock) {
        this.what = what;
        this.setting = setting;
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * Counts one request of the tenant.
     *
     * @throws RateLimitExceededException when the tenant already made its requests of the last minute
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
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                throw new RateLimitExceededException(
                        "At most " + limit + " " + what + " per minute per tenant (" + setting + "); retry in "
                                + seconds + " s",
                        seconds);
            }
            times.addLast(now);
        }
    }
}
