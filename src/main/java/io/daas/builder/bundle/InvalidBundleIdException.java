package io.daas.builder.bundle;

import io.daas.builder.errors.InvalidRequest;

/** A bundle id that is neither an upload digest nor a Walrus blob id. */
public class InvalidBundleIdException extends InvalidRequest {

    public InvalidBundleIdException(String value) {
        super("bundleId '" + abbreviate(value) + "' is not valid: use the bundleId returned by POST"
                + " /api/docker/bundles (64 hex digits) or a Walrus blob id (43 URL-safe base64 characters)");
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }
}
