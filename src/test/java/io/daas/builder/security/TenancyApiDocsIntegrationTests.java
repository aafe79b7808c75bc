package io.daas.builder.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.daas.builder.support.Api;
import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tenancy over the whole API, as the OpenAPI description lists it: every operation is called by
 * tenant B with tenant A's build and bundle ids and must answer exactly like an unknown id (404),
 * so a new endpoint is covered without anyone remembering to add it. An operation the test does not
 * know how to call with an id fails the test rather than being skipped. Also: metrics and health
 * details are for admins only.
 */
class TenancyApiDocsIntegrationTests extends ServiceIntegrationTest {

    static final String A = "tenant-a-token-0123456789";
    static final String B = "tenant-b-token-0123456789";
    static final String ADMIN = "admin-token-0123456789ab";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /**
     * Operations without an id in the path: how tenant B sends A's ids in the body ("BUILD" and
     * "BUNDLE" stand for them), or null for operations that take no id at all (checked below).
     */
    private static final Map<String, String> BODIES = Map.of(
            "POST /api/docker/build", "{\"bundleId\":\"BUNDLE\"}",
            "POST /api/docker/plan", "{\"bundleId\":\"BUNDLE\"}",
            "POST /api/docker/push", "{\"buildId\":\"BUILD\",\"registry\":{\"url\":\"127.0.0.1:1\"}}");
    /** Operations that take no build or bundle id; each is checked by {@link #checkWithoutIds}. */
    private static final Set<String> WITHOUT_IDS = Set.of(
            "GET /api/docker/builds",
            "POST /api/docker/bundles",
            "GET /health",
            "GET /api/docker/health",
            "GET /v3/api-docs",
            // the service's public provenance key: the same for every tenant, no tenant's data
            "GET /api/docker/provenance/key",
            "GET /api/docker/provenance/key.pem",
            // the schema of daas.json: one document, the same for every tenant
            "GET /api/docker/schema/daas.json",
            // the error page of requests that never reached a controller: every method
            "GET /error",
            "PUT /error",
            "POST /error",
            "DELETE /error",
            "OPTIONS /error",
            "HEAD /error",
            "PATCH /error");

    private static String buildOfA;
    private static String bundleOfA;
    private static final String SECRET_LINE = "secret-of-a-" + UUID.randomUUID();

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("builder.security.tokens-file", TenancyApiDocsIntegrationTests::tokensFile);
        registry.add("builder.reuse-identical-builds", () -> "false");
    }

    static String tokensFile() {
        try {
            Path file = Files.createTempFile("daas-tokens-", ".txt");
            Files.writeString(file, A + " tenant-a\n" + B + " tenant-b\n" + ADMIN + " ops admin\n");
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Api a;
    private Api b;
    private Api admin;

    @BeforeEach
    void buildOfTenantA() {
        a = api.withToken(A);
        b = api.withToken(B);
        admin = api.withToken(ADMIN);
        if (buildOfA == null) {
            bundleOfA = a.upload(Bundles.dockerfile(
                    "FROM " + TestEngine.BUSYBOX + "\nRUN echo " + SECRET_LINE + "\nCMD [\"true\"]\n"));
            buildOfA = a.startBuild(bundleOfA, null);
            assertThat(a.awaitEnd(buildOfA, Duration.ofSeconds(120))
                            .path("status")
                            .asString())
                    .isEqualTo("success");
        }
    }

    @AfterAll
    static void removeImage() {
        if (buildOfA != null) {
            TestEngine.removeImage("daas-app:" + buildOfA);
        }
    }

    @Test
    void everyOperationOfTheApiDocsAnswersAnotherTenantsIdsLikeUnknownOnes() {
        Response docs = b.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        List<String> checked = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (var path : docs.json().path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                String method = operation.getKey();
                if (!METHODS.contains(method)) {
                    continue;
                }
                String op = method.toUpperCase() + " " + path.getKey();
                if (path.getKey().contains("{")) {
                    checkPathWithIds(method.toUpperCase(), path.getKey());
                } else if (BODIES.containsKey(op)) {
                    checkBodyWithIds(method.toUpperCase(), path.getKey(), BODIES.get(op));
                } else if (WITHOUT_IDS.contains(op)) {
                    checkWithoutIds(op);
                } else {
                    unknown.add(op);
                    continue;
                }
                checked.add(op);
            }
        }
        if (!unknown.isEmpty()) {
            fail("The API has operations this tenancy test does not know how to call with another tenant's ids: "
                    + unknown + ". Say in BODIES how tenant B sends tenant A's ids to them (or in WITHOUT_IDS why"
                    + " they take none), and make them answer 404 through TenantScope.");
        }
        assertThat(checked)
                .as("operations read from /v3/api-docs")
                .contains(
                        "GET /api/docker/build/{id}",
                        "DELETE /api/docker/build/{id}",
                        "GET /api/docker/build/{id}/logs",
                        "GET /api/docker/build/{id}/dockerfile",
                        "POST /api/docker/build",
                        "POST /api/docker/push",
                        "POST /api/docker/plan");
        // the build is untouched by all this: B could not cancel it
        assertThat(a.get("/api/docker/build/" + buildOfA)
                        .json()
                        .path("data")
                        .path("status")
                        .asString())
                .isEqualTo("success");
    }

    @Test
    void tenantAReadsItsOwnLogInBothModesSoThe404sAboveAreAboutTheTenant() {
        Response text = a.get("/api/docker/build/" + buildOfA + "/logs?follow=false");
        Response sse = a.request("GET", "/api/docker/build/" + buildOfA + "/logs", null, "Accept", "text/event-stream");

        assertThat(text.status()).isEqualTo(200);
        assertThat(text.body()).contains(SECRET_LINE);
        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.body()).contains(SECRET_LINE).contains("event: status");
        assertThat(admin.get("/api/docker/build/" + buildOfA + "/logs?follow=false")
                        .body())
                .contains(SECRET_LINE);
    }

    @Test
    void metricsAndHealthDetailsNeedAnAdminTokenWhileProbesStayOpen() {
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(401);
        Response byTenant = b.get("/actuator/prometheus");
        assertThat(byTenant.status()).isEqualTo(403);
        assertThat(byTenant.text("message")).contains("admin token");
        assertThat(b.get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(b.get("/actuator/health/engine").status()).isEqualTo(403);
        assertThat(admin.get("/actuator/prometheus").body()).contains("daas_builds_started_total");

        for (Api client : List.of(api, b)) {
            for (String probe :
                    List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
                Response r = client.get(probe);
                assertThat(r.status()).as(probe).isEqualTo(200);
                assertThat(r.json().path("status").asString()).as(probe).isEqualTo("UP");
                assertThat(r.json().has("components")).as(probe + " details").isFalse();
            }
            Response health = client.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().has("engine")).as("/health details").isFalse();
        }
        assertThat(admin.get("/actuator/health").json().path("components").has("engine"))
                .isTrue();
        assertThat(admin.get("/actuator/health/readiness").json().has("components"))
                .isTrue();
        assertThat(admin.get("/health").json().path("engine").asString()).isNotBlank();
    }

    /** Every method on a path with an id, the id being A's: 404 exactly like an unknown id. */
    private void checkPathWithIds(String method, String template) {
        List<String> suffixes = template.endsWith("/logs") ? List.of("", "?follow=false") : List.of("");
        for (String suffix : suffixes) {
            for (String[] headers : variants(template, suffix)) {
                String withA = fill(template, buildOfA, bundleOfA) + suffix;
                String withUnknown = fill(template, UUID.randomUUID().toString(), "f".repeat(64)) + suffix;
                byte[] body = method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes();
                Response seen = b.request(method, withA, body, headers);
                Response unknown = b.request(method, withUnknown, body, headers);
                String what = method + " " + withA + " " + String.join(" ", headers);
                assertThat(seen.status()).as(what + ": " + seen.body()).isEqualTo(404);
                assertThat(seen.body()).as(what).isEqualTo(unknown.body());
                assertThat(seen.body()).as(what).doesNotContain(SECRET_LINE);
            }
        }
    }

    private static List<String[]> variants(String template, String suffix) {
        if (template.endsWith("/logs") && suffix.isEmpty()) {
            return List.of(new String[] {"Accept", "text/event-stream"}, new String[] {"Accept", "*/*"});
        }
        return List.<String[]>of(new String[] {"Content-Type", "application/json"});
    }

    private void checkBodyWithIds(String method, String path, String template) {
        String withA = template.replace("BUILD", buildOfA).replace("BUNDLE", bundleOfA);
        String withUnknown =
                template.replace("BUILD", UUID.randomUUID().toString()).replace("BUNDLE", "f".repeat(64));
        Response seen = b.request(method, path, withA.getBytes(), "Content-Type", "application/json");
        Response unknown = b.request(method, path, withUnknown.getBytes(), "Content-Type", "application/json");
        assertThat(seen.status()).as(method + " " + path + ": " + seen.body()).isEqualTo(404);
        assertThat(seen.body().replace(bundleOfA, "ID").replace(buildOfA, "ID"))
                .as(method + " " + path)
                .isEqualTo(unknown.body().replace("f".repeat(64), "ID"));
    }

    private void checkWithoutIds(String op) {
        switch (op) {
            case "GET /api/docker/builds" -> {
                for (String query : List.of("", "?includeLogs=true", "?status=success", "?limit=1000")) {
                    Response r = b.get("/api/docker/builds" + query);
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.body()).doesNotContain(buildOfA).doesNotContain(SECRET_LINE);
                }
            }
            case "POST /api/docker/bundles" -> {
                // an upload makes the caller's own bundle; it names no other id
                Response r = b.postBytes(
                        "/api/docker/bundles", "application/gzip", Bundles.dockerfile("FROM scratch\nCMD [\"b\"]\n"));
                assertThat(r.status()).isEqualTo(201);
            }
            case "GET /health", "GET /api/docker/health", "GET /api/docker/schema/daas.json" ->
                assertThat(b.get(op.substring(4)).status()).isEqualTo(200);
            case "GET /v3/api-docs" ->
                assertThat(b.get("/v3/api-docs").status()).isEqualTo(200);
            case "GET /api/docker/provenance/key", "GET /api/docker/provenance/key.pem" -> {
                Response r = b.get(op.substring(4));
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body())
                        .contains("BEGIN PUBLIC KEY")
                        .isEqualTo(a.get(op.substring(4)).body());
            }
            default -> {
                assertThat(op).endsWith(" /error");
                Response r = b.request(op.substring(0, op.indexOf(' ')), "/error", null);
                assertThat(r.status()).as(op).isLessThan(500);
                assertThat(r.body()).as(op).doesNotContain(buildOfA).doesNotContain(SECRET_LINE);
            }
        }
    }

    private static String fill(String template, String buildId, String bundleId) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (name.toLowerCase().contains("bundle")) {
                value = bundleId;
            } else if (name.equals("id") || name.toLowerCase().contains("build")) {
                value = buildId;
            } else {
                throw new AssertionError("path variable {" + name + "} of " + template + " is neither a build nor a"
                        + " bundle id: teach TenancyApiDocsIntegrationTests what to put there");
            }
            m.appendReplacement(sb, value);
        }
        return m.appendTail(sb).toString();
    }
}
