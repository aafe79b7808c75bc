package io.daas.builder.verify;

import io.daas.builder.errors.InvalidRequest;

/** A reproduction was asked of a build that cannot have one (not successful, or not reproducible). */
public class NotReproducibleException extends InvalidRequest {

    public NotReproducibleException(String message) {
        super(message);
    }
}
