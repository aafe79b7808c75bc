package io.daas.builder.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * What makes two builds identical: the same bundle (its id is a content digest), the same
 * options and the same Dockerfile text (which also covers a generated one).
 */
final class BuildCacheKey {

    private BuildCacheKey() {}

    static String of(Build build, Path dockerfile) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            BuildOptions o = build.options();
            update(sha, "bundle", build.bundleId());
            update(sha, "platform", o.platform());
            update(sha, "dockerfile", o.dockerfile());
            update(sha, "target", o.target());
            update(sha, "args", new TreeMap<>(o.buildArgs()).toString());
            update(sha, "labels", new TreeMap<>(o.labels()).toString());
            sha.update(Files.readAllBytes(dockerfile));
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, String name, String value) {
        sha.update((name + "=" + (value == null ? "\u0000" : value) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
