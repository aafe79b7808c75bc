package io.daas.builder.detect;

/**
 * A daas.json in the bundle (or a project file the generated Dockerfile reads) that cannot be used;
 * the message names the field and what it must be.
 */
public class InvalidProjectConfigException extends RuntimeException {

    public InvalidProjectConfigException(String message) {
        super(message);
    }
}
