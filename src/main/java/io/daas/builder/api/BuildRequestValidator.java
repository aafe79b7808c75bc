package io.daas.builder.api;

import io.daas.builder.builds.BuildFilter;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.ImageLabels;
import io.daas.builder.detect.ProjectConfig;
import io.daas.builder.errors.InvalidRequest;
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
    private static final Pattern WALLET = Pattern.compile("0x[0-9a-fA-F]{64}");
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
        BuildArgsAndLabels.check(body.buildArgs(), body.labels());
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
                throw invalid("buildOptions buildEnv/runEnv name '" + name + "' looks like a secret ("
                        + BuildArgsAndLabels.SECRET_NAMES
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

    private static InvalidRequest invalid(String message) {
        return new InvalidRequest(message);
    }
}
