package io.daas.builder.registry;

/** A tenant asked to push where it may not: another tenant's namespace or the base-image mirror. */
public class PushForbiddenException extends RuntimeException {

    public PushForbiddenException(String message) {
        super(message);
    }
}
