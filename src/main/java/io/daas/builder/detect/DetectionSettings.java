package io.daas.builder.detect;

import java.util.Map;

/**
 * Where generated Dockerfiles take their base images from: an optional mirror prefix (env
 * BASE_IMAGE_MIRROR) and per-role overrides such as {@code "node" -> "myreg/node:22-slim"}.
 */
public record DetectionSettings(String baseImageMirror, Map<String, String> baseImageOverrides) {

    public DetectionSettings {
        if (baseImageMirror != null) {
            baseImageMirror = baseImageMirror.strip();
            while (baseImageMirror.endsWith("/")) {
                baseImageMirror = baseImageMirror.substring(0, baseImageMirror.length() - 1);
            }
            if (baseImageMirror.isEmpty()) {
                baseImageMirror = null;
            }
        }
        baseImageOverrides = baseImageOverrides == null ? Map.of() : Map.copyOf(baseImageOverrides);
    }

    /** Official images straight from their registries, no overrides. */
    public static DetectionSettings defaults() {
        return new DetectionSettings(null, Map.of());
    }

    /**
     * The image to use for a role ("node", "go-runtime", ...): the override when one is set
     * (taken as is), else the official reference behind the mirror prefix when one is set.
     */
    public String image(String role, String official) {
        String override = baseImageOverrides.get(role);
        if (override != null && !override.isBlank()) {
            return override.strip();
        }
        return baseImageMirror == null ? official : baseImageMirror + "/" + official;
    }
}
