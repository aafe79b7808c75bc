package io.daas.builder.errors;

/** What the request names does not exist, or not for this caller: a 404. */
public non-sealed class NotFound extends ServiceException {

    public NotFound(String message) {
        this(ErrorKind.NOT_FOUND, message, null);
    }

    public NotFound(String message, Throwable cause) {
        this(ErrorKind.NOT_FOUND, message, cause);
    }

    /** For a failure of this kind that has an answer of its own (see {@link ErrorKind}). */
    protected NotFound(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
