package io.daas.builder.bundle;

import io.daas.builder.errors.UpstreamFailure;

/** Walrus could not hand over a bundle (blocked, unreachable, failing); the message says which. */
public class BundleUnavailableException extends UpstreamFailure {

    public BundleUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
