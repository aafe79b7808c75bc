package io.daas.builder.errors;

/** The Docker engine failed or refused an image operation; the message is the engine's. */
public non-sealed class EngineFailure extends ServiceException {

    public EngineFailure(String message) {
        this(ErrorKind.ENGINE_FAILURE, message, null);
    }

    public EngineFailure(String message, Throwable cause) {
        this(ErrorKind.ENGINE_FAILURE, message, cause);
    }

    /** For a failure of this kind that has an answer of its own (see {@link ErrorKind}). */
    protected EngineFailure(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
