package io.daas.builder.walrus;

import io.daas.builder.errors.UpstreamFailure;

/** Walrus could not do what was asked; the message says why and what the user can do. */
public class WalrusException extends UpstreamFailure {

    public WalrusException(String message) {
        super(message);
    }

    public WalrusException(String message, Throwable cause) {
        super(message, cause);
    }
}
