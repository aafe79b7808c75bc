package io.daas.builder.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Archives;
import io.daas.builder.support.FakeWalrus;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The service with Walrus (a Walrus-compatible server on loopback) as its aggregator and publisher. */
class WalrusBundlesIntegrationTests extends ServiceIntegrationTest {

    private static final FakeWalrus WALRUS = FakeWalrus.start();
    private static final Duration BUILD_TIME = Duration.ofSeconds(90);

    private final List<String> images = new ArrayList<>();

    @DynamicPropertySource
    static void walrus(DynamicPropertyRegistry registry) {
        registry.add("builder.walrus.aggregator", WALRUS::url);
        registry.add("builder.walrus.publisher", WALRUS::url);
        registry.add("builder.walrus.upload", () -> "true");
        registry.add("builder.walrus.epochs", () -> "3");
        registry.add("builder.walrus.fetch-timeout", () -> "3");
    }

    @AfterAll
    static void stopWalrus() {
        WALRUS.close();
    }

    @AfterEach
    void removeImages() {
        images.forEach(TestEngine::removeImage);
    }

    @Test
    void aBuildFromAWalrusBlobIdSucceedsAndTheSecondBuildDoesNotDownloadAgain() throws Exception {
        String blobId = WALRUS.put(project("from walrus"));

        JsonNode first = build(blobId, null);
        JsonNode second = build(blobId, "{\"noCache\":true}"); // not answered by build reuse: fetched again

        assertThat(first.path("status").asString()).as(first.toString()).isEqualTo("success");
        assertThat(TestEngine.run(first.path("imageTag").asString())).contains("from walrus");
        assertThat(second.path("status").asString()).as(second.toString()).isEqualTo("success");
        assertThat(WALRUS.reads(blobId)).isEqualTo(1);
    }

    @Test
    void aBlobThatAppearsAfterAFewTriesIsBuilt() {
        String blobId = WALRUS.put(project("late blob"));
        WALRUS.missingFor(blobId, 2);

        JsonNode data = build(blobId);

        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
        assertThat(WALRUS.reads(blobId)).isEqualTo(3);
    }

    @Test
    void aBlobMissingFromWalrusFailsTheBuildSayingSo() {
        String blobId = FakeWalrus.blobId("never stored".getBytes());

        JsonNode data = build(blobId);

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString()).startsWith("Blob " + blobId + " not found in Walrus storage");
    }

    @Test
    void aBlockedBlobFailsTheBuildWithTheReason() {
        String blobId = WALRUS.put(project("blocked"), FakeWalrus.Behaviour.BLOCKED);

        JsonNode data = build(blobId);

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString()).contains("blocked").contains("451");
    }

    @Test
    void aHostileBlobFailsTheBuildNamingTheEntryAndWritesNothingOutside() throws IOException {
        byte[] hostile = Archives.of()
                .file("Dockerfile", "FROM " + TestEngine.BUSYBOX + "\n")
                .symlink("escape", "../../../../../../tmp")
                .file("escape/pwned.txt", "x")
                .targz();
        String blobId = WALRUS.put(hostile);

        JsonNode data = build(blobId);

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString()).contains("'escape'").contains("outside");
        assertThat(Path.of("/tmp/pwned.txt")).doesNotExist();
        assertThat(properties.buildDir().resolve(data.path("buildId").asString()))
                .doesNotExist(); // the build's own folder is gone too
    }

    @Test
    void anUploadGoesToWalrusAndBuildsByItsBlobIdWithoutDownloading() throws Exception {
        byte[] bundle = project("uploaded to walrus");
        Response r = api.postBytes("/api/docker/bundles", "application/gzip", bundle);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.text("storage")).isEqualTo("walrus");
        String blobId = r.text("bundleId");
        assertThat(blobId).isEqualTo(FakeWalrus.blobId(bundle));
        assertThat(r.text("digest")).hasSize(64);
        assertThat(WALRUS.lastEpochs()).isEqualTo("3");

        JsonNode data = build(blobId);
        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
        assertThat(WALRUS.reads(blobId)).isZero();
    }

    @Test
    void anUploadStaysLocalWithANoteWhenThePublisherFails() {
        WALRUS.publisherAnswers(504);
        try {
            Response r = api.postBytes("/api/docker/bundles", "application/gzip", project("publisher down"));

            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.text("storage")).isEqualTo("local");
            assertThat(r.text("bundleId")).hasSize(64).isEqualTo(r.text("digest"));
            assertThat(r.text("note")).contains("timed out");
        } finally {
            WALRUS.publisherAnswers(200);
        }
    }

    @Test
    void aHostileUploadIsRefusedBeforeAnythingGoesToWalrus() {
        int puts = WALRUS.puts();
        byte[] hostile = Archives.of().file("../../etc/cron.d/evil", "x").zip();

        Response r = api.postBytes("/api/docker/bundles", "application/zip", hostile);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("message")).contains("'../../etc/cron.d/evil'");
        assertThat(WALRUS.puts()).isEqualTo(puts);
    }

    private JsonNode build(String bundleId) {
        return build(bundleId, null);
    }

    private JsonNode build(String bundleId, String options) {
        String id = api.startBuild(bundleId, options);
        images.add("daas-app:" + id);
        return api.awaitEnd(id, BUILD_TIME);
    }

    /** A GitHub-style bundle: everything under one top folder, which the service unwraps. */
    private static byte[] project(String message) {
        return Archives.of()
                .dir("repo-main/")
                .file(
                        "repo-main/Dockerfile",
                        "FROM " + TestEngine.BUSYBOX + "\nCOPY message.txt /message.txt\n"
                                + "CMD [\"cat\", \"/message.txt\"]\n")
                .file("repo-main/message.txt", message + "\n")
                .targz();
    }
}
