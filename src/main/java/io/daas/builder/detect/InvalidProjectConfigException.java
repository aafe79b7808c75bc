package io.daas.builder.detect;

import io.daas.builder.errors.ErrorKind;
import io.daas.builder.errors.InvalidRequest;

/**
 * A daas.json in the bundle (or a project file the generated Dockerfile reads) that cannot be used;
 * the message names the field and what it must be.
 */
public class InvalidProjectConfigException extends InvalidRequest {

    public InvalidProjectConfigException(String message) {
        super(ErrorKind.INVALID_BUNDLE, message, null);
    }
}
