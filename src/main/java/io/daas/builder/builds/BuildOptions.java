package io.daas.builder.builds;

import io.daas.builder.detect.ProjectConfig;
import io.daas.builder.security.SecretSanitiser;
import java.util.Map;

/**
 * How to build, as the user asked.
 *
 * @param platform target platform like linux/amd64, or null
 * @param dockerfile Dockerfile path inside the bundle, or null for the bundle's own Dockerfile
 * @param buildArgs build arguments
 * @param labels image labels
 * @param target stage of a multi-stage Dockerfile, or null
 * @param noCache whether to ignore the layer cache
 * @param reproducible whether to pin base images and normalise the image (docs/verifiable-builds.md)
 * @param sourceDateEpoch SOURCE_DATE_EPOCH of a reproducible build, or null for the bundle's newest file time
 * @param config overrides of detection (the fields of daas.json), winning over the bundle's daas.json
 */
public record BuildOptions(
        String platform,
        String dockerfile,
        Map<String, String> buildArgs,
        Map<String, String> labels,
        String target,
        boolean noCache,
        boolean reproducible,
        Long sourceDateEpoch,
        ProjectConfig config) {

    public BuildOptions {
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        config = config == null ? ProjectConfig.none() : config;
    }

    /** Options of a build that is not reproducible. */
    public BuildOptions(
            String platform,
            String dockerfile,
            Map<String, String> buildArgs,
            Map<String, String> labels,
            String target,
            boolean noCache) {
        this(platform, dockerfile, buildArgs, labels, target, noCache, false, null, ProjectConfig.none());
    }

    /** The same options for a fresh rebuild: no cache, reproducible, with this SOURCE_DATE_EPOCH. */
    public BuildOptions forRebuild(long epoch) {
        return new BuildOptions(platform, dockerfile, buildArgs, labels, target, true, true, epoch, config);
    }

    /** This with the values of secret-looking build args and labels replaced by *** (for storage). */
    public BuildOptions withSecretsMasked() {
        return new BuildOptions(
                platform,
                dockerfile,
                SecretSanitiser.maskSecretEntries(buildArgs),
                SecretSanitiser.maskSecretEntries(labels),
                target,
                noCache,
                reproducible,
                sourceDateEpoch,
                config);
    }

    /** Whether some build args or labels look secret (stored masked, so only the receiving process has them). */
    public boolean hasSecrets() {
        return !withSecretsMasked().equals(this);
    }

    public static BuildOptions defaults() {
        return new BuildOptions(null, null, Map.of(), Map.of(), null, false);
    }
}
