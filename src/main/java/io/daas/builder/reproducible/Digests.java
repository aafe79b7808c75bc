package io.daas.builder.reproducible;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers for digests written as {@code sha256:<hex>}. */
public final class Digests {

    private Digests() {}

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** {@code sha256:<hex>} of some bytes. */
    public static String of(byte[] bytes) {
        return "sha256:" + hex(sha256().digest(bytes));
    }
}
