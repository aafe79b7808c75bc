package io.daas.builder.bundle;

import io.daas.builder.errors.TooLarge;

/** A bundle past MAX_BUNDLE_SIZE. */
public class BundleTooLargeException extends TooLarge {

    public BundleTooLargeException(long limit) {
        super("Bundle is larger than the limit of " + limit + " bytes (MAX_BUNDLE_SIZE); make it smaller,"
                + " for example by leaving out node_modules, build output and .git");
    }

    public BundleTooLargeException(String message) {
        super(message);
    }
}
