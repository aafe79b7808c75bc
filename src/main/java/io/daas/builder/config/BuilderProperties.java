package io.daas.builder.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Typed settings of the service, bound from the documented environment variables in application.yml.
 *
 * @param dataDir where bundles and the embedded database live ({@code DATA_DIR}, default ./data)
 * @param buildDir where each build unpacks its bundle, one folder per build ({@code DOCKER_BUILD_DIR})
 * @param maxConcurrentBuilds how many builds run at once ({@code MAX_CONCURRENT_BUILDS}, default 3)
 * @param buildTimeout seconds a build may run before it is stopped ({@code BUILD_TIMEOUT}, default 600)
 * @param buildNetwork network mode of build steps ({@code BUILD_NETWORK}: none, host, or an engine network)
 * @param buildMemoryLimit memory of each build step, like 2g or 512m ({@code BUILD_MEMORY_LIMIT})
 * @param statusLogLines how many of the last log lines a status answer carries ({@code STATUS_LOG_LINES})
 * @param maxBundleSize largest bundle accepted, in bytes ({@code MAX_BUNDLE_SIZE}, default 512 MiB)
 * @param buildCpuLimit CPUs each build step may use ({@code BUILD_CPU_LIMIT}, default 1; 0 for no limit)
 * @param maxQueuedBuilds builds that may wait for a slot before new ones get 429 ({@code MAX_QUEUED_BUILDS})
 * @param maxContextSize largest build context sent to the engine ({@code MAX_CONTEXT_SIZE}, default 2g)
 * @param maxImageSize largest image a build may produce ({@code MAX_IMAGE_SIZE}, default 10g)
 * @param imageRetentionHours images of builds older than this are removed unless pushed recently
 *     ({@code IMAGE_RETENTION_HOURS}, default 24)
 * @param cleanupIntervalSeconds how often clean-up runs ({@code CLEANUP_INTERVAL}, default 600)
 * @param minFreeDiskBytes clean-up runs at once when free disk under the build dir falls below this
 *     ({@code MIN_FREE_DISK}, default 5g)
 * @param buildCacheBudget engine build cache kept at most ({@code BUILD_CACHE_BUDGET}, default 20g)
 * @param reuseIdenticalBuilds whether an identical earlier build is reused ({@code REUSE_IDENTICAL_BUILDS})
 * @param baseImageMirror registry prefix put before the official base images of generated
 *     Dockerfiles, like 127.0.0.1:5000/mirror ({@code BASE_IMAGE_MIRROR}; blank for Docker Hub)
 * @param baseImages base image per role of generated Dockerfiles, taken as is, like
 *     {@code node=myreg/node:22-slim,go-runtime=myreg/static:nonroot} ({@code BASE_IMAGES})
 * @param maxLogBytes most log bytes kept per build, then a truncation marker ({@code MAX_LOG_BYTES}, 10 MiB)
 * @param webhookSecret key of the HMAC-SHA256 signature on build callbacks ({@code WEBHOOK_SECRET})
 * @param webhookAttempts how often a build callback is tried before it is given up ({@code WEBHOOK_ATTEMPTS})
 * @param readyMinFreeDisk free bytes under the build dir below which the service is not ready
 *     ({@code READY_MIN_FREE_DISK}, default 1 GiB)
 * @param walrus Walrus endpoints, upload switch and read retry budget ({@code WALRUS_*})
 * @param unpack limits on what a bundle unpacks to ({@code MAX_UNPACKED_SIZE}, {@code MAX_BUNDLE_ENTRIES}, ...)
 * @param steps process and disk limits of build steps ({@code BUILD_PIDS_LIMIT}, {@code BUILD_DISK_LIMIT}, ...)
 * @param replica this replica's name and bundle store ({@code REPLICA_NAME}, {@code BUNDLE_STORE})
 */
@ConfigurationProperties("builder")
public record BuilderProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("/tmp/docker-builds") Path buildDir,
        @DefaultValue("3") int maxConcurrentBuilds,
        @DefaultValue("600") long buildTimeout,
        @DefaultValue("none") String buildNetwork,

        @DefaultValue("2g") @SettingName("BUILD_MEMORY_LIMIT")
        ByteSize buildMemoryLimit,

        @DefaultValue("100") int statusLogLines,
        @DefaultValue("536870912") long maxBundleSize,
        @DefaultValue("1") double buildCpuLimit,
        @DefaultValue("100") int maxQueuedBuilds,
        @DefaultValue("2g") @SettingName("MAX_CONTEXT_SIZE") ByteSize maxContextSize,
        @DefaultValue("10g") @SettingName("MAX_IMAGE_SIZE") ByteSize maxImageSize,
        @DefaultValue("24") long imageRetentionHours,
        @DefaultValue("600") long cleanupIntervalSeconds,
        @DefaultValue("5g") @SettingName("MIN_FREE_DISK") ByteSize minFreeDiskBytes,

        @DefaultValue("20g") @SettingName("BUILD_CACHE_BUDGET")
        ByteSize buildCacheBudget,

        @DefaultValue("true") boolean reuseIdenticalBuilds,
        @DefaultValue("") String baseImageMirror,
        @DefaultValue("") String baseImages,
        @DefaultValue("10485760") long maxLogBytes,
        @DefaultValue("") String webhookSecret,
        @DefaultValue("5") int webhookAttempts,
        @DefaultValue("1073741824") long readyMinFreeDisk,

        @DefaultValue WalrusSettings walrus,
        @DefaultValue UnpackLimits unpack,
        @DefaultValue StepLimits steps,
        @DefaultValue ReplicaSettings replica) {

    /** {@link #baseImages} as a map of role to image. */
    public Map<String, String> baseImageOverrides() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : baseImages.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return map;
    }

    /** Folder of the content-addressed bundle store. */
    public Path bundleDir() {
        return dataDir.resolve("bundles");
    }
}
