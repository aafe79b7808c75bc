package io.daas.builder.errors;

import java.util.OptionalLong;

/**
 * A failure with a kind the API answers: every package's own exceptions extend one of the kind
 * classes permitted here, and {@link ErrorAnswer#of(ServiceException)} turns any of them into the
 * envelope. The message says what went wrong and what the user can do.
 */
public abstract sealed class ServiceException extends RuntimeException
        permits InvalidRequest,
                NotFound,
                Forbidden,
                TooLarge,
                LimitReached,
                UpstreamFailure,
                EngineFailure,
                Unavailable {

    private final ErrorKind kind;

    ServiceException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The status and title this failure answers with. */
    public final ErrorKind kind() {
        return kind;
    }

    /** Seconds a client should wait before it tries again (the Retry-After header), when that is known. */
    public OptionalLong retryAfter() {
        return OptionalLong.empty();
    }
}
