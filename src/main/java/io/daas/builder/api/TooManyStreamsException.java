package io.daas.builder.api;

/** The service already serves as many live log streams as it allows. */
class TooManyStreamsException extends RuntimeException {

    TooManyStreamsException(String message) {
        super(message);
    }
}
