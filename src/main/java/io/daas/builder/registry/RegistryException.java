package io.daas.builder.registry;

import io.daas.builder.errors.ErrorKind;
import io.daas.builder.errors.UpstreamFailure;

/** A push failed; the subclass says why and the message says what the user can do. */
public abstract class RegistryException extends UpstreamFailure {

    RegistryException(ErrorKind kind, String message) {
        super(kind, message, null);
    }
}
