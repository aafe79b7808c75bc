package io.daas.builder.api;

import io.daas.builder.builds.BuildFilter;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.ImageLabels;
import io.daas.builder.detect.ProjectConfig;
import io.daas.builder.security.SecretSanitiser;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

    private static final String SECRET_NAMES =
            "names with PASSWORD, PASS, PWD, TOKEN, SECRET, KEY, AUTH, CRED, CERT, PRIVATE, SESSION are refused";
    private static final Pattern WALLET = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern BAD_VALUE_CHARS = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\x{85}]");
    private static final int MAX_VALUE_CHARS = 4096;
    private static final int MAX_ENTRIES = 100;
    private static final long MAX_EPOCH = 253_402_300_799L;

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
        reservedArgs(body.buildArgs());
        reservedLabels(body.labels());
        noSecrets(body.buildArgs(), body.labels());
        boolean reproducible = Boolean.TRUE.equals(body.reproducible());
        Long epoch = body.sourceDateEpoch();
        if (epoch != null && !reproducible) {
            throw invalid("buildOptions.sourceDateEpoch is used only with buildOptions.reproducible: true");
        }
        if (epoch != null && (epoch < 0 || epoch > MAX_EPOCH)) {
            throw invalid("buildOptions.sourceDateEpoch must be seconds since 1970 from 0 to " + MAX_EPOCH
                    + " (the year 9999)");
        }
        ProjectConfig config = config(body);
        return new BuildOptions(
                body.platform(),
                body.dockerfile(),
                body.buildArgs(),
                body.labels(),
                body.target(),
                Boolean.TRUE.equals(body.noCache()),
                reproducible,
                epoch,
                config);
    }

    /** The detection overrides of buildOptions, checked like daas.json's; secret-looking env names refused. */
    static ProjectConfig config(BuildRequestBody.Options body) {
        if (body == null) {
            return ProjectConfig.none();
        }
        ProjectConfig config = body.config();
        List<String> problems = config.problems("buildOptions.");
        if (!problems.isEmpty()) {
            throw invalid(String.join("; ", problems));
        }
        for (String name : config.environmentNames()) {
            if (SecretSanitiser.isSecretName(name)) {
                throw invalid("buildOptions buildEnv/runEnv name '" + name + "' looks like a secret (" + SECRET_NAMES
                        + "): they stay readable in the image by anyone who can pull it. Pass secrets to the"
                        + " container when it runs; if it holds no secret, rename it");
            }
        }
        return config;
    }

    /** The filter of {@code GET /builds} from its query parameters, each checked. */
    static BuildFilter filter(String walletAddress, String status, String limit, String offset) {
        String wallet = walletAddress("walletAddress", walletAddress);
        BuildStatus wanted = null;
        if (status != null) {
            wanted = Arrays.stream(BuildStatus.values())
                    .filter(s -> s.wireName().equals(status))
                    .findFirst()
                    .orElseThrow(() -> invalid("status must be one of "
                            + Arrays.stream(BuildStatus.values())
                                    .map(BuildStatus::wireName)
                                    .toList()));
        }
        Integer max = limit == null ? null : whole("limit", limit, 1, BuildFilter.MAX_LIMIT);
        int skip = offset == null ? 0 : whole("offset", offset, 0, Integer.MAX_VALUE);
        return new BuildFilter(wallet, wanted, max, skip);
    }

    private static int whole(String field, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw invalid(
                field + " must be a whole number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max));
    }

    /**
     * A Sui address ({@code 0x} and 64 hex digits), lower-cased; null when none was sent.
     * See https://docs.sui.io/concepts/sui-move-concepts#address
     */
    static String walletAddress(String field, String value) {
        if (value == null) {
            return null;
        }
        if (!WALLET.matcher(value).matches()) {
            throw invalid(field + " must be a Sui address: 0x followed by 64 hex digits");
        }
        return value.toLowerCase(Locale.ROOT);
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

    /**
     * The build's wallet: {@code walletAddress}, else the {@code daas.wallet} label the original DAAS
     * client sends instead; both checked as a Sui address, and they must agree when both are given.
     */
    static String wallet(String walletAddress, Map<String, String> labels) {
        String field = walletAddress("walletAddress", walletAddress);
        String label = walletAddress("buildOptions.labels.daas.wallet", ImageLabels.walletOf(labels));
        if (field != null && label != null && !field.equals(label)) {
            throw invalid("walletAddress and buildOptions.labels.daas.wallet name different wallets:"
                    + " send one of them, or the same address in both");
        }
        return field != null ? field : label;
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

    private static RequestValidationException invalid(String message) {
        return new RequestValidationException(message);
    }
}
