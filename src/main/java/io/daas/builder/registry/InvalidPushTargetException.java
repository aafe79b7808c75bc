package io.daas.builder.registry;

/** A push request names its registry or image wrongly; the message names the field. */
public class InvalidPushTargetException extends RuntimeException {

    public InvalidPushTargetException(String message) {
        super(message);
    }
}
