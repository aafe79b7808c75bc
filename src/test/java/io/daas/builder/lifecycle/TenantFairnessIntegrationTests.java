package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api;
import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fairness between tenants on the running service: running, queued and log-stream caps per tenant,
 * and rate limits on uploads and plans; one tenant at its caps never keeps another out.
 */
class TenantFairnessIntegrationTests extends ServiceIntegrationTest {

    static final String A = "fair-a-token-0123456789";
    static final String B = "fair-b-token-0123456789";
    static final String C = "fair-c-token-0123456789";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("builder.security.tokens-file", () -> {
            try {
                Path file = Files.createTempFile("daas-tokens-", ".txt");
                Files.writeString(file, A + " tenant-a\n" + B + " tenant-b\n" + C + " tenant-c\n");
                return file.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        registry.add("builder.max-concurrent-builds", () -> "2");
        registry.add("builder.fairness.tenant-max-queued", () -> "2");
        registry.add("builder.fairness.tenant-max-streams", () -> "2");
        registry.add("builder.fairness.upload-rate-limit", () -> "3");
        registry.add("builder.fairness.plan-rate-limit", () -> "2");
        registry.add("builder.security.build-rate-limit", () -> "0");
        registry.add("builder.reuse-identical-builds", () -> "false");
    }

    private final List<String> builds = new ArrayList<>();
    private final List<InputStream> streams = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        for (InputStream s : streams) {
            s.close();
        }
        Api admin = api.withToken(A);
        for (String id : builds) {
            Api owner = id.startsWith("b:") ? api.withToken(B) : admin;
            String buildId = id.substring(2);
            owner.delete("/api/docker/build/" + buildId);
            owner.awaitEnd(buildId, Duration.ofSeconds(30));
            TestEngine.removeImage("daas-app:" + buildId);
        }
    }

    @Test
    void aTenantAtItsCapsLeavesASlotAndTheQueueFrontToAnotherTenant() throws Exception {
        Api a = api.withToken(A);
        Api b = api.withToken(B);
        byte[] sleeper = Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nRUN sleep 25\n");
        String bundleA = a.upload(sleeper);
        String bundleB = b.upload(sleeper);

        String a1 = start(a, bundleA, "a");
        String a2 = start(a, bundleA, "a");
        String a3 = start(a, bundleA, "a");
        Response a4 = a.postJson("/api/docker/build", "{\"bundleId\":\"" + bundleA + "\"}");

        assertThat(a4.status()).isEqualTo(429);
        assertThat(a4.text("message")).contains("tenant-a").contains("TENANT_MAX_QUEUED");
        assertThat(a4.raw().headers().firstValue("Retry-After")).isPresent();
        a.awaitStatus(a1, "building", Duration.ofSeconds(30));
        // MAX_CONCURRENT_BUILDS=2: one tenant may run 1, so the other slot waits for another tenant
        assertThat(status(a, a2)).contains("Queued");

        String b1 = start(b, bundleB, "b");
        b.awaitStatus(b1, "building", Duration.ofSeconds(30));
        String b2 = start(b, bundleB, "b");
        assertThat(status(b, b2)).isIn("Queued (position 1)", "Queued (position 2)");
        assertThat(status(a, a3)).isIn("Queued (position 3)", "Queued (position 4)");

        // log streams: two per tenant; the third of A is refused while B still gets its own
        a.awaitStep(a1, "sleep", Duration.ofSeconds(30));
        assertThat(openStream(A, a1).statusCode()).isEqualTo(200);
        assertThat(openStream(A, a1).statusCode()).isEqualTo(200);
        HttpResponse<InputStream> third = openStream(A, a1);
        String refused = new String(third.body().readAllBytes());
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(refused).contains("TENANT_MAX_STREAMS");
        assertThat(openStream(B, b1).statusCode()).isEqualTo(200);
        assertThat(a.get("/api/docker/build/" + a1 + "/logs?follow=false").status())
                .isEqualTo(200);
    }

    @Test
    void uploadsAndPlansPastATenantsRateLimitAre429WithRetryAfterWhileOthersGoOn() {
        Api c = api.withToken(C);
        Api b = api.withToken(B);
        String bundle = null;
        for (int i = 0; i < 3; i++) {
            bundle = c.upload(Bundles.dockerfile("FROM scratch\nCMD [\"" + i + "\"]\n"));
        }
        Response upload = c.postBytes("/api/docker/bundles", "application/gzip", Bundles.dockerfile("FROM scratch\n"));
        assertThat(upload.status()).isEqualTo(429);
        assertThat(upload.text("message")).contains("UPLOAD_RATE_LIMIT");
        assertThat(upload.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(b.postBytes("/api/docker/bundles", "application/gzip", Bundles.dockerfile("FROM scratch\n"))
                        .status())
                .isEqualTo(201);

        String plan = "{\"bundleId\":\"" + bundle + "\"}";
        assertThat(c.postJson("/api/docker/plan", plan).status()).isEqualTo(200);
        assertThat(c.postJson("/api/docker/plan", plan).status()).isEqualTo(200);
        Response planned = c.postJson("/api/docker/plan", plan);
        assertThat(planned.status()).isEqualTo(429);
        assertThat(planned.text("message")).contains("PLAN_RATE_LIMIT");
        assertThat(planned.raw().headers().firstValue("Retry-After")).isPresent();
    }

    private String start(Api client, String bundle, String owner) {
        String id = client.startBuild(bundle, null);
        builds.add(owner + ":" + id);
        return id;
    }

    private static String status(Api client, String id) {
        return client.get("/api/docker/build/" + id)
                .json()
                .path("data")
                .path("currentStep")
                .asString();
    }

    private HttpResponse<InputStream> openStream(String token, String buildId) throws Exception {
        HttpResponse<InputStream> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/api/docker/build/" + buildId + "/logs"))
                                .header("Accept", "text/event-stream")
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        streams.add(r.body());
        return r;
    }
}
