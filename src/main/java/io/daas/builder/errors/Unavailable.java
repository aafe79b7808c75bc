package io.daas.builder.errors;

/** The service cannot take this now (the engine is down, every slot is taken): a 503. */
public non-sealed class Unavailable extends ServiceException {

    public Unavailable(String message) {
        this(ErrorKind.UNAVAILABLE, message, null);
    }

    public Unavailable(String message, Throwable cause) {
        this(ErrorKind.UNAVAILABLE, message, cause);
    }

    /** For a failure of this kind that has an answer of its own (see {@link ErrorKind}). */
    protected Unavailable(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
