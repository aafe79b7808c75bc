package io.daas.builder.walrus;

/** One read attempt failed in a way worth retrying: 404, 5xx, or no answer in time. */
final class RetryableReadException extends Exception {

    private final boolean notFound;

    RetryableReadException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    boolean notFound() {
        return notFound;
    }
}
