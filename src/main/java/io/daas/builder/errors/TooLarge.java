package io.daas.builder.errors;

/** What the request sends or names is past a size limit: a 413 naming the limit. */
public non-sealed class TooLarge extends ServiceException {

    public TooLarge(String message) {
        this(ErrorKind.TOO_LARGE, message, null);
    }

    public TooLarge(String message, Throwable cause) {
        this(ErrorKind.TOO_LARGE, message, cause);
    }

    /** For a failure of this kind that has an answer of its own (see {@link ErrorKind}). */
    protected TooLarge(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
