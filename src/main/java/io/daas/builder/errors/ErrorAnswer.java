package io.daas.builder.errors;

import java.util.OptionalLong;

/**
 * One error answer: its status, the envelope's {@code error} title and {@code message}, and the
 * Retry-After seconds when the client should come back later.
 */
public record ErrorAnswer(int status, String error, String message, OptionalLong retryAfterSeconds) {

    /** The answer of this kind with this message (or the fixed one, for kinds that keep theirs in the log). */
    public static ErrorAnswer of(ErrorKind kind, String message) {
        return new ErrorAnswer(
                kind.status(),
                kind.title(),
                kind.messageShown() ? message : ErrorKind.INTERNAL_MESSAGE,
                OptionalLong.empty());
    }

    /** The answer to a service failure: its kind's status and title, its message and Retry-After. */
    public static ErrorAnswer of(ServiceException e) {
        return of(e.kind(), e.getMessage()).retryAfter(e.retryAfter());
    }

    /** An answer for a status the servlet container chose, titled with its reason phrase. */
    public static ErrorAnswer ofStatus(int status, String reason, String message) {
        return new ErrorAnswer(status, reason, message, OptionalLong.empty());
    }

    public ErrorAnswer retryAfter(long seconds) {
        return retryAfter(OptionalLong.of(seconds));
    }

    private ErrorAnswer retryAfter(OptionalLong seconds) {
        return new ErrorAnswer(status, error, message, seconds);
    }
}
