package io.daas.builder.build;

import io.daas.builder.config.BuilderProperties;
import io.daas.builder.engine.DockerEngine;
import io.daas.builder.engine.EngineUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the disk in check, on a schedule and at once when free disk runs low: work folders of
 * builds that are not running, images of old builds, dangling images, and build cache past its
 * budget. Build records stay.
 */
@Component
class BuildJanitor {

    private static final Logger log = LoggerFactory.getLogger(BuildJanitor.class);

    private final BuilderProperties properties;
    private final BuildRepository repository;
    private final BuildService builds;
    private final DockerEngine engine;
    private volatile Instant lastRun = Instant.EPOCH;

    BuildJanitor(BuilderProperties properties, BuildRepository repository, BuildService builds, DockerEngine engine) {
        this.properties = properties;
        this.repository = repository;
        this.builds = builds;
        this.engine = engine;
    }

    /** What one clean-up removed. */
    record Report(int workDirs, int images, long bytesFreed) {}

    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
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
        Instant cutoff = Instant.now().minus(Duration.ofHours(properties.imageRetentionHours()));
        for (Build b : repository.findImagesEndedBefore(cutoff)) {
            engine.removeImage(b.imageTag());
            repository.markImageRemoved(b.id(), Instant.now());
            images++;
        }
        long freed = engine.pruneDanglingImages();
        Long budget = MemorySize.parse(properties.buildCacheBudget());
        if (budget != null) {
            freed += engine.pruneBuildCache(budget);
        }
        return new Report(dirs, images, freed);
    }

    boolean diskLow() {
        Long min = MemorySize.parse(properties.minFreeDiskBytes());
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

    private int removeIdleWorkDirs() {
        Path root = properties.buildDir();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Set<String> running = new HashSet<>(builds.runningIds());
        List<Path> idle;
        try (Stream<Path> children = Files.list(root)) {
            idle = children.filter(Files::isDirectory)
                    .filter(p -> !running.contains(p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return 0;
        }
        idle.forEach(p -> new BuildWorkspace(root, p.getFileName().toString()).close());
        return idle.size();
    }
}
