package io.daas.builder.errors;

/** The request (or what it names: a bundle, a Dockerfile, a target) breaks a rule the caller can fix: a 400. */
public non-sealed class InvalidRequest extends ServiceException {

    public InvalidRequest(String message) {
        this(ErrorKind.INVALID_REQUEST, message, null);
    }

    public InvalidRequest(String message, Throwable cause) {
        this(ErrorKind.INVALID_REQUEST, message, cause);
    }

    /** For a failure of this kind that has an answer of its own (see {@link ErrorKind}). */
    protected InvalidRequest(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
