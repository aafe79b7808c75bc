package io.daas.builder.walrus;

/** Walrus could not do what was asked; the message says why and what the user can do. */
public class WalrusException extends RuntimeException {

    public WalrusException(String message) {
        super(message);
    }

    public WalrusException(String message, Throwable cause) {
        super(message, cause);
    }
}
