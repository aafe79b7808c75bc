package io.daas.builder.lifecycle;

import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.bundle.BundleStore;
import io.daas.builder.bundle.DatabaseBundles;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.PrivateFiles;
import io.daas.builder.config.RetentionProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what is kept past its time: stored bundles unused for BUNDLE_RETENTION_DAYS (never one a
 * waiting or running build needs) and the logs of builds that ended LOG_RETENTION_DAYS ago, leaving
 * one line that says so. Build records stay. Also keeps the data dir owner-only.
 */
@Component
class RetentionCleaner {

    static final String LOG_REMOVED = "[daas] log removed: logs are kept LOG_RETENTION_DAYS days after a build ends";
    private static final Logger log = LoggerFactory.getLogger(RetentionCleaner.class);

    private final RetentionProperties retention;
    private final BuilderProperties properties;
    private final BundleStore store;
    private final DatabaseBundles databaseBundles;
    private final BuildRepository builds;
    private final JdbcClient jdbc;
    private final Clock clock;

    @Autowired
    RetentionCleaner(
            RetentionProperties retention,
            BuilderProperties properties,
            BundleStore store,
            DatabaseBundles databaseBundles,
            BuildRepository builds,
            JdbcClient jdbc) {
        this(retention, properties, store, databaseBundles, builds, jdbc, Clock.systemUTC());
    }

    RetentionCleaner(
            RetentionProperties retention,
            BuilderProperties properties,
            BundleStore store,
            DatabaseBundles databaseBundles,
            BuildRepository builds,
            JdbcClient jdbc,
            Clock clock) {
        this.retention = retention;
        this.properties = properties;
        this.store = store;
        this.databaseBundles = databaseBundles;
        this.builds = builds;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What one pass deleted. */
    record Report(int bundles, int logs) {}

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void scheduled() {
        Report r = clean();
        if (r.bundles() > 0 || r.logs() > 0) {
            log.info("retention removed {} bundles and the logs of {} builds", r.bundles(), r.logs());
        }
    }

    /** Runs one pass now. */
    synchronized Report clean() {
        PrivateFiles.tree(properties.dataDir());
        return new Report(removeOldBundles(), removeOldLogs());
    }

    private int removeOldBundles() {
        if (retention.bundleDays() <= 0) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(retention.bundleDays()));
        Set<String> neededIds = new HashSet<>();
        for (BuildStatus s : List.of(BuildStatus.PENDING, BuildStatus.BUILDING)) {
            builds.findByStatus(s).forEach(b -> neededIds.add(b.bundleId()));
        }
        // BUNDLE_STORE=database: the copies every replica shares (none otherwise)
        int removed = databaseBundles.removeUnusedBefore(cutoff, neededIds);
        if (!Files.isDirectory(store.dir())) {
            return removed;
        }
        Set<String> needed = new HashSet<>();
        neededIds.forEach(id -> needed.add(id + ".bundle"));
        try (Stream<Path> files = Files.list(store.dir())) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".bundle"))
                    .toList()) {
                if (!needed.contains(f.getFileName().toString())
                        && Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        } catch (IOException e) {
            log.warn("retention could not go through {}: {}", store.dir(), e.getMessage());
        }
        return removed;
    }

    private int removeOldLogs() {
        if (retention.logDays() <= 0) {
            return 0;
        }
        Timestamp cutoff = Timestamp.from(clock.instant().minus(Duration.ofDays(retention.logDays())));
        List<String> ids = jdbc.sql("SELECT DISTINCT c.build_id FROM build_log_chunks c JOIN builds b ON b.id ="
                        + " c.build_id WHERE b.ended_at < :cutoff AND NOT (c.first_seq = 1 AND c.last_seq = 1"
                        + " AND c.lines = :marker)")
                .param("cutoff", cutoff)
                .param("marker", LOG_REMOVED)
                .query(String.class)
                .list();
        // the rows that say where each of these logs stood (V32) go with them
        jdbc.sql("DELETE FROM build_log_ends WHERE build_id IN (SELECT id FROM builds WHERE ended_at < :cutoff)")
                .param("cutoff", cutoff)
                .update();
        for (String id : ids) {
            jdbc.sql("DELETE FROM build_log_chunks WHERE build_id = :id")
                    .param("id", id)
                    .update();
            jdbc.sql("INSERT INTO build_log_chunks (build_id, first_seq, last_seq, lines) VALUES (:id, 1, 1,"
                            + " :marker)")
                    .param("id", id)
                    .param("marker", LOG_REMOVED)
                    .update();
        }
        return ids.size();
    }
}
