package io.daas.builder.registry;

/** The engine could not reach the registry: nothing listens there, the name does not resolve, or it timed out. */
public class RegistryUnreachableException extends RegistryException {

    RegistryUnreachableException(String message) {
        super(message);
    }
}
