package io.daas.builder.api;

import io.daas.builder.builds.ImageLabels;
import io.daas.builder.errors.InvalidRequest;
import io.daas.builder.security.SecretSanitiser;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks buildOptions.buildArgs and buildOptions.labels: key grammar, value size, names reserved to
 * the engine or the service, and secret-looking names.
 */
final class BuildArgsAndLabels {

    private static final Pattern ARG_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]{0,254}");
    /** Build args the engine reads as its own controls, or that steer build-step traffic. */
    static final Set<String> RESERVED_ARGS = Set.of(
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "FTP_PROXY",
            "NO_PROXY",
            "ALL_PROXY",
            "SOURCE_DATE_EPOCH",
            "BUILDPLATFORM",
            "BUILDOS",
            "BUILDARCH",
            "BUILDVARIANT",
            "TARGETPLATFORM",
            "TARGETOS",
            "TARGETARCH",
            "TARGETVARIANT");
    /** Prefixes of build args reserved to the engine: BUILDKIT_INLINE_CACHE, BUILDKIT_SYNTAX, ... */
    static final Set<String> RESERVED_ARG_PREFIXES = Set.of("BUILDKIT_", "DOCKER_");

    static final String SECRET_NAMES =
            "names with PASSWORD, PASS, PWD, TOKEN, SECRET, KEY, AUTH, CRED, CERT, PRIVATE, SESSION are refused";
    private static final Pattern BAD_VALUE_CHARS = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\x{85}]");
    private static final int MAX_VALUE_CHARS = 4096;
    private static final int MAX_ENTRIES = 100;

    private BuildArgsAndLabels() {}

    static void check(Map<String, String> args, Map<String, String> labels) {
        map("buildOptions.buildArgs", args, ARG_KEY);
        map("buildOptions.labels", labels, LABEL_KEY);
        reservedArgs(args);
        reservedLabels(labels);
        noSecrets(args, labels);
    }

    private static void reservedArgs(Map<String, String> args) {
        if (args == null) {
            return;
        }
        for (String key : args.keySet()) {
            String upper = key.toUpperCase(Locale.ROOT);
            if (RESERVED_ARGS.contains(upper) || RESERVED_ARG_PREFIXES.stream().anyMatch(upper::startsWith)) {
                throw invalid("buildOptions.buildArgs key '" + key + "' is reserved for the engine (BUILDKIT_*,"
                        + " DOCKER_*, proxy and platform args) and cannot be set");
            }
        }
    }

    private static void reservedLabels(Map<String, String> labels) {
        if (labels == null) {
            return;
        }
        for (String key : labels.keySet()) {
            if (ImageLabels.isReserved(key)) {
                throw invalid("buildOptions.labels key '" + key + "' is written by the service itself ("
                        + String.join(
                                ", ", ImageLabels.RESERVED.stream().sorted().toList())
                        + "): leave it out");
            }
        }
    }

    /**
     * Build args and labels end up readable in the image (history, config) by anyone who can pull
     * it, and the classic builder has no secret mounts: secret-looking names are refused, saying
     * what to do instead (docs/decisions.md).
     */
    private static void noSecrets(Map<String, String> args, Map<String, String> labels) {
        if (args != null) {
            for (String key : args.keySet()) {
                if (SecretSanitiser.isSecretName(key)) {
                    throw invalid("buildOptions.buildArgs key '" + key + "' looks like a secret (" + SECRET_NAMES
                            + "): build args stay readable in the image's history and config by anyone who can"
                            + " pull it. Pass secrets to the container when it runs (its environment), or fetch"
                            + " private dependencies before bundling and put them in the bundle; if it holds no"
                            + " secret, rename it");
                }
            }
        }
        if (labels != null) {
            for (String key : labels.keySet()) {
                if (SecretSanitiser.isSecretName(key)) {
                    throw invalid("buildOptions.labels key '" + key + "' looks like a secret (" + SECRET_NAMES
                            + "): labels are stored in the image's config, readable by anyone who can pull it."
                            + " Keep secrets out of labels and pass them to the container when it runs; if it holds"
                            + " no secret, rename it");
                }
            }
        }
    }

    private static void map(String field, Map<String, String> values, Pattern keyPattern) {
        if (values == null) {
            return;
        }
        if (values.size() > MAX_ENTRIES) {
            throw invalid(field + " may hold at most " + MAX_ENTRIES + " entries");
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!keyPattern.matcher(e.getKey()).matches()) {
                throw invalid(field + " key '" + printable(e.getKey())
                        + "' is not allowed: use letters, digits, '_', '.', '-'");
            }
            String v = e.getValue();
            if (v == null) {
                throw invalid(field + "." + e.getKey() + " must be a string, not null");
            }
            if (v.length() > MAX_VALUE_CHARS || BAD_VALUE_CHARS.matcher(v).find()) {
                throw invalid(field + "." + e.getKey() + " must be at most " + MAX_VALUE_CHARS
                        + " characters without newlines or other control characters");
            }
        }
    }

    private static String printable(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 64 ? p.substring(0, 64) + "..." : p;
    }

    private static InvalidRequest invalid(String message) {
        return new InvalidRequest(message);
    }
}
