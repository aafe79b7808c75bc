package io.daas.builder.security;

import io.daas.builder.errors.LimitReached;

/** A tenant sent more requests of one kind (builds, uploads, plans) than its per-minute limit allows. */
public class RateLimitExceededException extends LimitReached {

    RateLimitExceededException(String message, long retryAfterSeconds) {
        super(message, retryAfterSeconds);
    }

    /** Seconds until the next submission is accepted, for the Retry-After header. */
    public long retryAfterSeconds() {
        return retryAfter().orElseThrow();
    }
}
