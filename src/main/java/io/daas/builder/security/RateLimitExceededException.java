package io.daas.builder.security;

/** A tenant sent more build submissions than BUILD_RATE_LIMIT allows in a minute. */
public class RateLimitExceededException extends RuntimeException {

    private final long retryAfterSeconds;

    RateLimitExceededException(int limit, long retryAfterSeconds) {
        super("At most " + limit + " builds may be submitted per minute (BUILD_RATE_LIMIT); retry in "
                + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds until the next submission is accepted, for the Retry-After header. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
