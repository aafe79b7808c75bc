package io.daas.builder.registry;

import io.daas.builder.errors.Forbidden;

/** A tenant asked to push where it may not: another tenant's namespace or the base-image mirror. */
public class PushForbiddenException extends Forbidden {

    public PushForbiddenException(String message) {
        super(message);
    }
}
