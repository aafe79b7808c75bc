package io.daas.builder.bundle;

/** A bundle that cannot be used: not an archive, or an entry that breaks the unpacking rules. */
public class InvalidBundleException extends RuntimeException {

    public InvalidBundleException(String message) {
        super(message);
    }

    public InvalidBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
