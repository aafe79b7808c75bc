package io.daas.builder.errors;

import java.util.OptionalLong;

/** A limit of the caller's tenant or of the service is reached: a 429 that says when to try again. */
public non-sealed class LimitReached extends ServiceException {

    private final OptionalLong retryAfter;

    public LimitReached(String message, long retryAfterSeconds) {
        this(ErrorKind.LIMIT_REACHED, message, OptionalLong.of(retryAfterSeconds));
    }

    /** For a limit that has an answer of its own (see {@link ErrorKind}). */
    protected LimitReached(ErrorKind kind, String message, OptionalLong retryAfterSeconds) {
        super(kind, message, null);
        this.retryAfter = retryAfterSeconds;
    }

    @Override
    public OptionalLong retryAfter() {
        return retryAfter;
    }
}
