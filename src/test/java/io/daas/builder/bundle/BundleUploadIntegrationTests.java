package io.daas.builder.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Archives;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Uploads with the default settings: validated at once, kept in the local store, offline. */
class BundleUploadIntegrationTests extends ServiceIntegrationTest {

    @Test
    void aZipWithOneTopFolderIsAcceptedLocallyAndBuilds() throws Exception {
        byte[] zip = Archives.of()
                .file("site-1.0/Dockerfile", "FROM " + TestEngine.BUSYBOX + "\nCOPY hello.txt /hello.txt\n")
                .file("site-1.0/hello.txt", "hello from a zip\n")
                .zip();
        Response r = api.postBytes("/api/docker/bundles", "application/zip", zip);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.text("storage")).isEqualTo("local");
        assertThat(r.json().has("note")).isFalse();

        String buildId = api.startBuild(r.text("bundleId"), null);
        try {
            JsonNode data = api.awaitEnd(buildId, Duration.ofSeconds(90));
            assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
            assertThat(TestEngine.run("daas-app:" + buildId, "cat", "/hello.txt"))
                    .contains("hello from a zip");
        } finally {
            TestEngine.removeImage("daas-app:" + buildId);
        }
    }

    @Test
    void aPlainTarIsAccepted() {
        Response r = api.postBytes(
                "/api/docker/bundles",
                "application/x-tar",
                Archives.of().file("Dockerfile", "FROM scratch\n").tar());

        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void hostileUploadsAreRefusedWith400NamingTheEntry() {
        assertRefused(
                Archives.of().file("Dockerfile", "x").symlink("etc", "/etc").targz(), "'etc'");
        assertRefused(Archives.of().file("a/../../x", "x").tar(), "'a/../../x'");
        assertRefused(Archives.of().fifo("pipe").zip(), "'pipe'");
        assertRefused(Archives.of().sparse("bomb", 10L << 30).targz(), "'bomb'");
        assertRefused("not an archive".getBytes(), "not a tar.gz, tar or zip");
    }

    private void assertRefused(byte[] bundle, String expected) {
        Response r = api.postBytes("/api/docker/bundles", "application/octet-stream", bundle);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.text("error")).isEqualTo("Invalid Bundle");
        assertThat(r.text("message")).contains(expected);
    }
}
