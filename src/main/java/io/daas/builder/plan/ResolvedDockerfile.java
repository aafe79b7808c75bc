package io.daas.builder.plan;

import io.daas.builder.detect.BuildPlan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Dockerfile a build uses and where it came from.
 *
 * @param source {@code buildOptions} (named in the request), {@code bundle} (the bundle's own) or
 *     {@code generated} (written from detection)
 * @param path its path inside the build context
 * @param text its content
 * @param plan what detection found (null when the bundle brought its Dockerfile)
 */
public record ResolvedDockerfile(String source, String path, String text, BuildPlan plan) {

    /** The folder of the bundle that is the build context: a plan's directory, else the root (""). */
    public String contextDir() {
        return plan == null || plan.directory() == null ? "" : plan.directory();
    }

    /** The SHA-256 of the text, in hex: two builds with the same one follow the same plan. */
    public String sha256() {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
