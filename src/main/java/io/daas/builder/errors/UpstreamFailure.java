package io.daas.builder.errors;

/** Another service (Walrus, a registry) failed or refused; the message says which and why. */
public non-sealed class UpstreamFailure extends ServiceException {

    public UpstreamFailure(String message) {
        this(ErrorKind.UPSTREAM_FAILURE, message, null);
    }

    public UpstreamFailure(String message, Throwable cause) {
        this(ErrorKind.UPSTREAM_FAILURE, message, cause);
    }

    /** For a failure of this kind that has an answer of its own (see {@link ErrorKind}). */
    protected UpstreamFailure(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
