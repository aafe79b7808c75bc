package io.daas.builder.bundle;

import io.daas.builder.errors.ErrorKind;
import io.daas.builder.errors.InvalidRequest;

/** A bundle that cannot be used: not an archive, or an entry that breaks the unpacking rules. */
public class InvalidBundleException extends InvalidRequest {

    public InvalidBundleException(String message) {
        super(ErrorKind.INVALID_BUNDLE, message, null);
    }

    public InvalidBundleException(String message, Throwable cause) {
        super(ErrorKind.INVALID_BUNDLE, message, cause);
    }
}
