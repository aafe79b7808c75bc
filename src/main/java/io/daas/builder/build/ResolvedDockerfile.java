package io.daas.builder.build;

import io.daas.builder.detect.BuildPlan;

/**
 * The Dockerfile a build uses and where it came from.
 *
 * @param source {@code buildOptions} (named in the request), {@code bundle} (the bundle's own) or
 *     {@code generated} (written from detection)
 * @param path its path inside the build context
 * @param text its content
 * @param plan what detection found (null when the bundle brought its Dockerfile)
 */
public record ResolvedDockerfile(String source, String path, String text, BuildPlan plan) {}
