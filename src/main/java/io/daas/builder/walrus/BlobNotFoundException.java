package io.daas.builder.walrus;

/** Walrus kept answering 404 for a blob for the whole retry budget. */
public class BlobNotFoundException extends WalrusException {

    BlobNotFoundException(String message) {
        super(message);
    }
}
