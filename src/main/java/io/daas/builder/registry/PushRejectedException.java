package io.daas.builder.registry;

/** The registry answered but refused the push: access denied, read-only, invalid name or manifest. */
public class PushRejectedException extends RegistryException {

    PushRejectedException(String message) {
        super(message);
    }
}
