package io.daas.builder.engine;

import io.daas.builder.errors.Unavailable;

/** The Docker engine did not answer; the message names the engine and what to check. */
public class EngineUnavailableException extends Unavailable {

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
