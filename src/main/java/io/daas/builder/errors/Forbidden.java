package io.daas.builder.errors;

/** The caller may not do this, whoever it asks: a 403. */
public non-sealed class Forbidden extends ServiceException {

    public Forbidden(String message) {
        this(ErrorKind.FORBIDDEN, message, null);
    }

    public Forbidden(String message, Throwable cause) {
        this(ErrorKind.FORBIDDEN, message, cause);
    }

    /** For a failure of this kind that has an answer of its own (see {@link ErrorKind}). */
    protected Forbidden(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
