package io.daas.builder.engine;

/** The Docker engine did not answer; the message names the engine and what to check. */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
