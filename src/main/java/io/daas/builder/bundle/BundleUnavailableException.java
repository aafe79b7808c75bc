package io.daas.builder.bundle;

/** Walrus could not hand over a bundle (blocked, unreachable, failing); the message says which. */
public class BundleUnavailableException extends RuntimeException {

    public BundleUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
