package io.daas.builder.security;

/** A tenant sent more requests of one kind (builds, uploads, plans) than its per-minute limit allows. */
public class RateLimitExceededException extends RuntimeException {

    private final long retryAfterSeconds;

    RateLimitExceededException(int limit, long retryAfterSeconds) {
        super("At most " + limit + " builds may be submitted per minute (BUILD_RATE_LIMIT); retry in "
                + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    RateLimitExceededException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds until the next submission is accepted, for the Retry-After header. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
