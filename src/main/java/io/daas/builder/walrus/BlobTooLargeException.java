package io.daas.builder.walrus;

/** A blob past MAX_BUNDLE_SIZE, or past what the aggregator or publisher accepts (403, 413). */
public class BlobTooLargeException extends WalrusException {

    BlobTooLargeException(String message) {
        super(message);
    }
}
