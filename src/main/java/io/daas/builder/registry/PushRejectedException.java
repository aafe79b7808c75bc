package io.daas.builder.registry;

import io.daas.builder.errors.ErrorKind;

/** The registry answered but refused the push: access denied, read-only, invalid name or manifest. */
public class PushRejectedException extends RegistryException {

    PushRejectedException(String message) {
        super(ErrorKind.PUSH_REJECTED, message);
    }
}
