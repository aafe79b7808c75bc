package io.daas.builder.bundle;

import io.daas.builder.errors.NotFound;

/** No bundle with this id is stored here or in Walrus. */
public class BundleNotFoundException extends NotFound {

    public BundleNotFoundException(BundleId id) {
        super("Bundle " + id + " not found: upload it with POST /api/docker/bundles or check the Walrus blob id");
    }

    public BundleNotFoundException(String message) {
        super(message);
    }
}
