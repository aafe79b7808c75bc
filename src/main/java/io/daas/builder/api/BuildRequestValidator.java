package io.daas.builder.api;

import io.daas.builder.build.BuildOptions;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a build request field by field and turns it into build options. */
final class BuildRequestValidator {

    private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern ARG_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]{0,254}");
    private static final Set<String> PLATFORMS = Set.of(
            "linux/amd64",
            "linux/arm64",
            "linux/arm64/v8",
            "linux/arm/v7",
            "linux/arm/v6",
            "linux/386",
            "linux/ppc64le",
            "linux/s390x",
            "linux/riscv64");
    private static final int MAX_VALUE_CHARS = 4096;
    private static final int MAX_ENTRIES = 100;

    private BuildRequestValidator() {}

    static BuildOptions options(BuildRequestBody.Options body) {
        if (body == null) {
            return BuildOptions.defaults();
        }
        if (body.platform() != null && !PLATFORMS.contains(body.platform())) {
            throw invalid("buildOptions.platform must be one of "
                    + String.join(", ", PLATFORMS.stream().sorted().toList()));
        }
        if (body.dockerfile() != null) {
            dockerfile(body.dockerfile());
        }
        if (body.target() != null && !STAGE.matcher(body.target()).matches()) {
            throw invalid("buildOptions.target must be a stage name (letters, digits, '_', '.', '-')");
        }
        map("buildOptions.buildArgs", body.buildArgs(), ARG_KEY);
        map("buildOptions.labels", body.labels(), LABEL_KEY);
        return new BuildOptions(
                body.platform(),
                body.dockerfile(),
                body.buildArgs(),
                body.labels(),
                body.target(),
                Boolean.TRUE.equals(body.noCache()));
    }

    private static void dockerfile(String path) {
        if (path.isBlank() || path.length() > 1024) {
            throw invalid("buildOptions.dockerfile must be a path inside the bundle, like docker/Dockerfile");
        }
        if (path.startsWith("/") || path.contains("\\") || path.chars().anyMatch(Character::isISOControl)) {
            throw invalid("buildOptions.dockerfile must be a relative path inside the bundle, like docker/Dockerfile");
        }
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw invalid("buildOptions.dockerfile must not contain '..': name a file inside the bundle");
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
            if (v.length() > MAX_VALUE_CHARS || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\0') >= 0) {
                throw invalid(field + "." + e.getKey() + " must be at most " + MAX_VALUE_CHARS
                        + " characters without newlines");
            }
        }
    }

    private static String printable(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 64 ? p.substring(0, 64) + "..." : p;
    }

    private static RequestValidationException invalid(String message) {
        return new RequestValidationException(message);
    }
}
