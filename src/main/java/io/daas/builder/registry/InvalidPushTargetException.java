package io.daas.builder.registry;

import io.daas.builder.errors.InvalidRequest;

/** A push request names its registry or image wrongly; the message names the field. */
public class InvalidPushTargetException extends InvalidRequest {

    public InvalidPushTargetException(String message) {
        super(message);
    }
}
