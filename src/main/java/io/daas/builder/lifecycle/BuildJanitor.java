package io.daas.builder.lifecycle;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildWorkspace;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.engine.ImageEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the disk in check, on a schedule and at once when free disk runs low: work folders of
 * builds that are not running, images of this service's old builds (and the untagged step image a
 * failed build left), and build cache past its budget. Build records stay. It never prunes the
 * engine's dangling images: with other services on the same engine, a running build's newest
 * step image is one of them (see docs/decisions.md).
 */
@Component
class BuildJanitor {

    private static final Logger log = LoggerFactory.getLogger(BuildJanitor.class);

    private final BuilderProperties properties;
    private final BuildRepository repository;
    private final BuildService builds;
    private final ImageEngine engine;
    private volatile Instant lastRun = Instant.now();

    BuildJanitor(BuilderProperties properties, BuildRepository repository, BuildService builds, ImageEngine engine) {
        this.properties = properties;
        this.repository = repository;
        this.builds = builds;
        this.engine = engine;
    }

    /** What one clean-up removed. */
    record Report(int workDirs, int images, long bytesFreed) {}

    /** Looks every minute, or every CLEANUP_INTERVAL when that is shorter. */
    @Scheduled(
            fixedDelayString = "#{T(java.lang.Math).min(60, ${builder.cleanup-interval-seconds:600})}",
            initialDelayString = "#{T(java.lang.Math).min(60, ${builder.cleanup-interval-seconds:600})}",
            timeUnit = TimeUnit.SECONDS)
    void check() {
        boolean due = Duration.between(lastRun, Instant.now()).toSeconds() >= properties.cleanupIntervalSeconds();
        if (due || diskLow()) {
            try {
                Report report = cleanUp();
                log.info(
                        "clean-up removed {} work dirs and {} images, freed {} bytes",
                        report.workDirs(),
                        report.images(),
                        report.bytesFreed());
            } catch (EngineUnavailableException e) {
                log.warn("clean-up skipped: {}", e.getMessage());
            }
        }
    }

    /** Runs every clean-up step now. */
    synchronized Report cleanUp() {
        lastRun = Instant.now();
        int dirs = removeIdleWorkDirs();
        int images = 0;
        long freed = 0;
        Instant cutoff = Instant.now().minus(Duration.ofHours(properties.imageRetentionHours()));
        for (Build b : repository.findImagesEndedBefore(
                cutoff,
                properties.replica().sharedQueue() ? properties.replica().name() : null)) {
            // Removing an image also removes its untagged parents, which a build of ours could have
            // just taken from the layer cache: checked before each image, so a starting build
            // stops the removals until the next clean-up.
            if (builds.runningCount() > 0) {
                log.debug("clean-up: builds are running, old images wait for the next clean-up");
                break;
            }
            engine.removeImage(b.imageTag());
            engine.removeLeftoverOf(b.imageTag());
            repository.markImageRemoved(b.id(), Instant.now());
            images++;
        }
        if (builds.runningCount() == 0) {
            // BuildKit's cache only (the classic builder keeps none there); BuildKit spares what is in use
            Long budget = properties.buildCacheBudget().orNull();
            if (budget != null) {
                freed += engine.pruneBuildCache(budget);
            }
        }
        return new Report(dirs, images, freed);
    }

    boolean diskLow() {
        Long min = properties.minFreeDiskBytes().orNull();
        if (min == null) {
            return false;
        }
        try {
            Path dir = properties.buildDir();
            Files.createDirectories(dir);
            return Files.getFileStore(dir).getUsableSpace() < min;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Work folders of builds that are neither running here nor young enough to belong to a build of
     * another service sharing DOCKER_BUILD_DIR: a build never runs longer than BUILD_TIMEOUT.
     */
    private int removeIdleWorkDirs() {
        Path root = properties.buildDir();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Instant youngest = Instant.now().minusSeconds(properties.buildTimeout() + 60);
        List<Path> candidates;
        try (Stream<Path> children = Files.list(root)) {
            candidates = children.filter(Files::isDirectory)
                    .filter(p -> modifiedBefore(p, youngest))
                    .toList();
        } catch (IOException e) {
            return 0;
        }
        // read after the listing: a folder listed was made by a build that is running by now, or ended
        Set<String> running = new HashSet<>(builds.runningIds());
        List<Path> idle = candidates.stream()
                .filter(p -> !running.contains(p.getFileName().toString()))
                .toList();
        idle.forEach(p -> new BuildWorkspace(root, p.getFileName().toString()).close());
        return idle.size();
    }

    private static boolean modifiedBefore(Path dir, Instant time) {
        try {
            return Files.getLastModifiedTime(dir).toInstant().isBefore(time);
        } catch (IOException e) {
            return false;
        }
    }
}
