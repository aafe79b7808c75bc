package io.daas.builder.registry;

/** A push failed; the subclass says why and the message says what the user can do. */
public abstract class RegistryException extends RuntimeException {

    RegistryException(String message) {
        super(message);
    }
}
