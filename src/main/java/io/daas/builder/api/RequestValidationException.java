package io.daas.builder.api;

/** A request field that breaks a rule; the message names the field and the rule. */
class RequestValidationException extends RuntimeException {

    RequestValidationException(String message) {
        super(message);
    }
}
