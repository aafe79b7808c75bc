package io.daas.builder.registry;

import io.daas.builder.errors.ErrorKind;

/** The engine could not reach the registry: nothing listens there, the name does not resolve, or it timed out. */
public class RegistryUnreachableException extends RegistryException {

    RegistryUnreachableException(String message) {
        super(ErrorKind.REGISTRY_UNREACHABLE, message);
    }
}
