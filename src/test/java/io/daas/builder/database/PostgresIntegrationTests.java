package io.daas.builder.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceProcess;
import io.daas.builder.support.TestEngine;
import io.daas.builder.support.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * The packaged service on PostgreSQL instead of the embedded H2 ({@code DATABASE_URL}): the
 * migrations run on an empty schema, and every table is written and read through the API (builds,
 * logs, figures, Dockerfiles, pushes, tenancy's wallet filter, listing pages), then again after a
 * restart. The database is the one {@code scripts/database.sh up} starts ({@code scripts/test.sh}
 * does), on loopback.
 */
class PostgresIntegrationTests {

    private static final String WALLET = "0x" + "ab".repeat(32);

    @Test
    void theServiceRunsOnPostgresAndKeepsEverythingAcrossARestart() throws Exception {
        Map<String, String> database = database();
        resetSchema(database);
        TestEngine.client();
        Path work = Files.createTempDirectory("daas-postgres-");
        List<String> images = new ArrayList<>();
        String ok;
        String failed;
        String okLog;
        try (TestRegistry registry = TestRegistry.open()) {
            try (ServiceProcess first = ServiceProcess.start(work, database)) {
                Api api = first.api();
                String dockerfile = "FROM " + TestEngine.BUSYBOX + "\nRUN echo hello from postgres\n";
                ok = api.startBuild(api.upload(Bundles.dockerfile(dockerfile)), "{\"noCache\":true}");
                images.add("daas-app:" + ok);
                JsonNode built = api.awaitEnd(ok, Duration.ofSeconds(90));
                assertThat(built.path("status").asString()).as(built.toString()).isEqualTo("success");
                assertThat(built.path("phases").path("build").isNumber()).isTrue();

                // same Dockerfile, other bundle: the eta-by-plan query runs on PostgreSQL too
                String again = api.startBuild(
                        api.upload(Bundles.targz(Map.of("Dockerfile", dockerfile, "v", "2"))), "{\"noCache\":true}");
                images.add("daas-app:" + again);
                assertThat(api.awaitEnd(again, Duration.ofSeconds(90))
                                .path("status")
                                .asString())
                        .isEqualTo("success");

                failed = startWithWallet(api, "FROM " + TestEngine.BUSYBOX + "\nRUN echo bad && exit 3\n");
                JsonNode broken = api.awaitEnd(failed, Duration.ofSeconds(90));
                assertThat(broken.path("status").asString()).isEqualTo("failed");

                Api.Response pushed = api.postJson(
                        "/api/docker/push",
                        "{\"buildId\":\"" + ok + "\",\"registry\":{\"url\":\"" + registry.address() + "\"}}");
                assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
                assertThat(pushed.text("digest")).matches("sha256:[0-9a-f]{64}");

                okLog = api.get("/api/docker/build/" + ok + "/logs?follow=false")
                        .body();
                assertThat(okLog).contains("hello from postgres");
                assertListing(api, ok, again, failed);
            }

            try (ServiceProcess second = ServiceProcess.start(work, database)) {
                Api api = second.api();
                JsonNode data = api.get("/api/docker/build/" + ok).json().path("data");
                assertThat(data.path("status").asString()).isEqualTo("success");
                assertThat(data.path("push").path("status").asString()).isEqualTo("pushed");
                assertThat(data.path("phases").path("build").isNumber()).isTrue();
                assertThat(api.get("/api/docker/build/" + ok + "/logs?follow=false")
                                .body())
                        .isEqualTo(okLog);
                assertThat(api.get("/api/docker/build/" + ok + "/dockerfile")
                                .json()
                                .path("data")
                                .path("source")
                                .asString())
                        .isEqualTo("bundle");
                assertThat(api.get("/api/docker/builds?walletAddress=" + WALLET)
                                .json()
                                .path("data")
                                .findValuesAsString("buildId"))
                        .containsExactly(failed);
            }
        } finally {
            images.forEach(TestEngine::removeImage);
            FileSystemUtils.deleteRecursively(work);
        }
    }

    private static String startWithWallet(Api api, String dockerfile) {
        String bundle = api.upload(Bundles.dockerfile(dockerfile));
        Api.Response r = api.postJson(
                "/api/docker/build", "{\"bundleId\":\"" + bundle + "\",\"walletAddress\":\"" + WALLET + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.text("buildId");
    }

    private static void assertListing(Api api, String ok, String again, String failed) {
        JsonNode all = api.get("/api/docker/builds").json();
        assertThat(all.path("data").findValuesAsString("buildId")).containsExactly(failed, again, ok);
        JsonNode page = api.get("/api/docker/builds?limit=1&offset=1").json();
        assertThat(page.path("data").findValuesAsString("buildId")).containsExactly(again);
        assertThat(page.path("total").asInt()).isEqualTo(3);
        assertThat(api.get("/api/docker/builds?status=failed")
                        .json()
                        .path("data")
                        .findValuesAsString("buildId"))
                .containsExactly(failed);
    }

    /** The service's settings for the test database: scripts/database.sh env gives them. */
    private static Map<String, String> database() {
        String url = System.getenv("DAAS_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no test PostgreSQL: run scripts/database.sh up and eval"
                    + " \"$(scripts/database.sh env)\" (scripts/test.sh does both)");
        }
        return Map.of(
                "DATABASE_URL", url,
                "DATABASE_USERNAME", System.getenv().getOrDefault("DAAS_TEST_POSTGRES_USER", ""),
                "DATABASE_PASSWORD", System.getenv().getOrDefault("DAAS_TEST_POSTGRES_PASSWORD", ""));
    }

    /** An empty schema each run, so the migrations run from the first. */
    private static void resetSchema(Map<String, String> database) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        database.get("DATABASE_URL"),
                        database.get("DATABASE_USERNAME"),
                        database.get("DATABASE_PASSWORD"));
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }
}
