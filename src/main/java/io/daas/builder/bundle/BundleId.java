package io.daas.builder.bundle;

import java.util.regex.Pattern;

/**
 * Names a bundle: the SHA-256 of an upload (64 hex digits), or a Walrus blob id (32 bytes in
 * URL-safe base64 without padding, 43 characters).
 */
public record BundleId(String value) {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern WALRUS_BLOB = Pattern.compile("[A-Za-z0-9_-]{43}");

    public BundleId {
        if (value == null
                || !(DIGEST.matcher(value).matches()
                        || WALRUS_BLOB.matcher(value).matches())) {
            throw new InvalidBundleIdException(value);
        }
    }

    /** Parses a bundle id as a user sent it. */
    public static BundleId parse(String value) {
        return new BundleId(value == null ? null : value.trim());
    }

    /** Whether this id is the digest of an upload to this service. */
    public boolean isLocalDigest() {
        return DIGEST.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
