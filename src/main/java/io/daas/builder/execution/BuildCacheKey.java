package io.daas.builder.execution;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.builds.ImageLabels;
import io.daas.builder.detect.DetectionSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * What makes two builds identical: the same bundle (its id is a digest of its content, so it
 * fixes the Dockerfile too), the same options, and the same Dockerfile generator version (for
 * bundles without a Dockerfile). Known before the bundle is fetched, so a reuse costs nothing.
 */
final class BuildCacheKey {

    private BuildCacheKey() {}

    /** Bump when generated Dockerfiles change, so earlier generated images are not reused. */
    static final String GENERATOR_VERSION = "3";

    /** Bump when the fetch policy refuses more, so images it would now refuse are not reused. */
    static final String FETCH_POLICY_VERSION = "1";

    static String of(Build build, DetectionSettings detection) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            BuildOptions o = build.options();
            update(sha, "bundle", build.bundleId());
            update(sha, "platform", o.platform());
            update(sha, "dockerfile", o.dockerfile());
            update(sha, "target", o.target());
            update(sha, "args", new TreeMap<>(o.buildArgs()).toString());
            update(sha, "labels", identityLabels(o).toString());
            update(sha, "config", o.config().canonical());
            update(sha, "generator", GENERATOR_VERSION);
            if (o.reproducible()) {
                update(sha, "reproducible", String.valueOf(o.sourceDateEpoch()));
            }
            // Images built before the fetch policy may hold what it now refuses: never reuse them.
            update(sha, "fetch-policy", FETCH_POLICY_VERSION);
            update(sha, "mirror", detection.baseImageMirror());
            update(sha, "base-images", new TreeMap<>(detection.baseImageOverrides()).toString());
            // An image carries its wallet's label, and never crosses tenants.
            update(sha, "tenant", build.tenant());
            update(sha, "wallet", build.walletAddress());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The labels without the original client's daas.timestamp, which differs on every request. */
    private static TreeMap<String, String> identityLabels(BuildOptions options) {
        TreeMap<String, String> labels = new TreeMap<>(options.labels());
        labels.keySet().removeIf(key -> key.equalsIgnoreCase(ImageLabels.TIMESTAMP));
        return labels;
    }

    private static void update(MessageDigest sha, String name, String value) {
        sha.update((name + "=" + (value == null ? "\u0000" : value) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
