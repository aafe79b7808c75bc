package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.builds.BuildRepository;
import io.daas.builder.bundle.BundleId;
import io.daas.builder.bundle.BundleStore;
import io.daas.builder.bundle.DatabaseBundles;
import io.daas.builder.config.PrivateFiles;
import io.daas.builder.config.RetentionProperties;
import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Retention (bundles and logs deleted after their days, build records kept, a clear answer when a
 * deleted bundle is built again) and owner-only data files, on the running service.
 */
// a service of its own: the passes below delete every bundle of its store
@TestPropertySource(properties = "builder.retention.bundle-days=30")
class RetentionIntegrationTests extends ServiceIntegrationTest {

    @Autowired
    BundleStore store;

    @Autowired
    DatabaseBundles databaseBundles;

    @Autowired
    BuildRepository repository;

    @Autowired
    JdbcClient jdbc;

    @Test
    void bundlesAndLogsPastTheirDaysAreDeletedWhileTheBuildRecordStaysAndARebuildSaysWhy() {
        String line = "retained-" + UUID.randomUUID();
        String bundle = api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nRUN echo " + line + "\n"));
        String id = api.startBuild(bundle, null);
        try {
            assertThat(api.awaitEnd(id, Duration.ofSeconds(120)).path("status").asString())
                    .isEqualTo("success");
            assertThat(api.get("/api/docker/build/" + id + "/logs?follow=false").body())
                    .contains(line);

            assertThat(cleaner(Duration.ofDays(29)).clean()).isEqualTo(new RetentionCleaner.Report(0, 0));
            assertThat(store.contains(new BundleId(bundle))).isTrue();

            String logEnds = "SELECT COUNT(*) FROM build_log_ends WHERE build_id = :id";
            assertThat(jdbc.sql(logEnds).param("id", id).query(Long.class).single())
                    .isOne();

            RetentionCleaner.Report report = cleaner(Duration.ofDays(31)).clean();

            assertThat(report.bundles()).isGreaterThanOrEqualTo(1);
            assertThat(report.logs()).isGreaterThanOrEqualTo(1);
            assertThat(store.contains(new BundleId(bundle))).isFalse();
            assertThat(api.get("/api/docker/build/" + id)
                            .json()
                            .path("data")
                            .path("status")
                            .asString())
                    .isEqualTo("success");
            assertThat(api.get("/api/docker/build/" + id + "/logs?follow=false").body())
                    .doesNotContain(line)
                    .contains("LOG_RETENTION_DAYS");
            assertThat(jdbc.sql(logEnds).param("id", id).query(Long.class).single())
                    .as("the log's row goes with its lines")
                    .isZero();
            assertThat(cleaner(Duration.ofDays(31)).clean().logs())
                    .as("a second pass")
                    .isZero();

            Response rebuilt = api.postJson("/api/docker/build", "{\"bundleId\":\"" + bundle + "\"}");
            assertThat(rebuilt.status()).isEqualTo(404);
            assertThat(rebuilt.text("message"))
                    .contains("no longer stored")
                    .contains("BUNDLE_RETENTION_DAYS")
                    .contains("Upload it again");
        } finally {
            TestEngine.removeImage("daas-app:" + id);
        }
    }

    @Test
    void theDataDirIsOwnerOnlyAndSoAreBundlesAndTheDatabase() throws IOException {
        String bundle = api.upload(Bundles.dockerfile("FROM scratch\nCMD [\"" + UUID.randomUUID() + "\"]\n"));

        Path data = properties.dataDir();
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PrivateFiles.DIR);
        assertThat(Files.getPosixFilePermissions(properties.bundleDir())).isEqualTo(PrivateFiles.DIR);
        assertThat(Files.getPosixFilePermissions(store.pathOf(new BundleId(bundle))))
                .isEqualTo(PrivateFiles.FILE);
        List<Path> database;
        try (Stream<Path> files = Files.list(data.resolve("db"))) {
            database = files.toList();
        }
        assertThat(database).isNotEmpty();
        for (Path f : database) {
            assertThat(Files.getPosixFilePermissions(f)).as(f.toString()).isIn(PrivateFiles.FILE, PrivateFiles.DIR);
        }
        assertThat(Files.getPosixFilePermissions(properties.buildDir())).isEqualTo(PrivateFiles.DIR);
    }

    private RetentionCleaner cleaner(Duration ahead) {
        return new RetentionCleaner(
                new RetentionProperties(30, 30),
                properties,
                store,
                databaseBundles,
                repository,
                jdbc,
                Clock.offset(Clock.systemUTC(), ahead));
    }
}
