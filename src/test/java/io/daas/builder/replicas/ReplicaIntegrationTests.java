package io.daas.builder.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.daas.builder.support.Api;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.HugeArchives;
import io.daas.builder.support.Poll;
import io.daas.builder.support.PostgresSchemas;
import io.daas.builder.support.ServiceProcess;
import io.daas.builder.support.Sse;
import io.daas.builder.support.TestEngine;
import io.daas.builder.support.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * Two service processes on one PostgreSQL (a fresh schema per run), each with its own data folder
 * and its own engine: replica-1 on the first engine, replica-2 on the second private dockerd that
 * {@code scripts/engine.sh second up} starts ({@code DAAS_SECOND_DOCKER_HOST}), bundles kept in the
 * database ({@code BUNDLE_STORE=database}), one build at a time each (issue 17, groundwork).
 */
class ReplicaIntegrationTests {

    private static final String MIRROR = System.getenv().getOrDefault("BASE_IMAGE_MIRROR", "127.0.0.1:5000/mirror");

    private static String schema;
    private static Map<String, String> database;
    private static Path work;
    private static DockerClient secondEngine;
    private static ServiceProcess replica1;
    private static ServiceProcess replica2;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        TestEngine.client();
        secondEngine = secondEngine();
        schema = PostgresSchemas.fresh("replicas");
        database = PostgresSchemas.settings(schema);
        work = Files.createTempDirectory("daas-replicas-");
        Map<String, String> common = new HashMap<>(database);
        common.put("BUNDLE_STORE", "database");
        common.put("MAX_CONCURRENT_BUILDS", "1");
        common.put("BASE_IMAGE_MIRROR", MIRROR);
        Map<String, String> first = new HashMap<>(common);
        first.put("REPLICA_NAME", "replica-1");
        replica1 = ServiceProcess.start(Files.createDirectories(work.resolve("replica-1")), first);
        Map<String, String> second = new HashMap<>(common);
        second.put("REPLICA_NAME", "replica-2");
        second.put("DOCKER_HOST", System.getenv("DAAS_SECOND_DOCKER_HOST"));
        replica2 = ServiceProcess.start(Files.createDirectories(work.resolve("replica-2")), second);
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        try {
            if (replica2 != null) {
                replica2.close();
            }
            if (replica1 != null) {
                replica1.close();
            }
        } finally {
            if (database != null) {
                PostgresSchemas.drop(schema);
            }
            if (work != null) {
                FileSystemUtils.deleteRecursively(work);
            }
        }
    }

    @Test
    void aBundleUploadedToOneReplicaBuildsOnTheEngineOfAnother() throws Exception {
        Api.Response upload = replica1.api()
                .postBytes(
                        "/api/docker/bundles",
                        "application/gzip",
                        Bundles.dockerfile("FROM " + MIRROR + "/busybox:1.36\nRUN echo built by the second replica # "
                                + UUID.randomUUID() + "\n"));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        assertThat(upload.text("storage")).isEqualTo("database");
        String bundleId = upload.text("bundleId");

        String buildId = replica2.api().startBuild(bundleId, null);
        String image = "daas-app:" + buildId;
        try {
            JsonNode built = replica2.api().awaitEnd(buildId, Duration.ofSeconds(120));
            assertThat(built.path("status").asString()).as(built.toString()).isEqualTo("success");
            assertThat(secondEngine.inspectImageCmd(image).exec().getId()).startsWith("sha256:");
            assertThat(TestEngine.hasImage(image))
                    .as("the first engine never saw the build")
                    .isFalse();

            JsonNode throughFirst =
                    replica1.api().get("/api/docker/build/" + buildId).json().path("data");
            assertThat(throughFirst.path("status").asString()).isEqualTo("success");
            assertThat(throughFirst.path("imageId").asString())
                    .isEqualTo(built.path("imageId").asString());
        } finally {
            removeImage(secondEngine, image);
        }
    }

    @Test
    void aLargeBundleReachesAnotherReplicaChunkByChunk() throws Exception {
        int size = 48 * 1024 * 1024;
        byte[] noise = new byte[size];
        new Random(17).nextBytes(noise);
        ByteArrayOutputStream tar = new ByteArrayOutputStream(size + 64 * 1024);
        tar.writeBytes(HugeArchives.file("Dockerfile", "FROM " + MIRROR + "/busybox:1.36\nCOPY . /app\n"));
        tar.writeBytes(HugeArchives.header("noise.bin", '0', size, null));
        tar.writeBytes(noise);
        tar.writeBytes(new byte[HugeArchives.padding(size)]);
        tar.writeBytes(HugeArchives.end());

        long uploading = System.nanoTime();
        Api.Response upload = replica1.api().postBytes("/api/docker/bundles", "application/x-tar", tar.toByteArray());
        long uploadMillis = (System.nanoTime() - uploading) / 1_000_000;
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        String bundleId = upload.text("bundleId");

        Api.Response plan = replica2.api().postJson("/api/docker/plan", "{\"bundleId\":\"" + bundleId + "\"}");
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        Matcher copied = Pattern.compile("copied bundle " + bundleId + " from the database in (\\d+) ms")
                .matcher(Files.readString(replica2.log()));
        assertThat(copied.find()).isTrue();
        System.out.printf(
                "a %d MiB bundle: upload to replica-1 (disk + database) %d ms, copy to replica-2 %s ms%n",
                tar.size() / (1024 * 1024), uploadMillis, copied.group(1));
    }

    @Test
    void eachReplicaNamesItselfInHealthAndMetrics() {
        JsonNode first = replica1.api().get("/actuator/health").json();
        assertThat(first.path("components")
                        .path("engine")
                        .path("details")
                        .path("replica")
                        .asString())
                .as(first.toString())
                .isEqualTo("replica-1");
        JsonNode second = replica2.api().get("/actuator/health").json();
        assertThat(second.path("components")
                        .path("engine")
                        .path("details")
                        .path("replica")
                        .asString())
                .isEqualTo("replica-2");
        assertThat(second.path("components")
                        .path("engine")
                        .path("details")
                        .path("host")
                        .asString())
                .isEqualTo(System.getenv("DAAS_SECOND_DOCKER_HOST"));

        assertThat(replica2.api().get("/actuator/prometheus").body())
                .contains("daas_builds_started_total{replica=\"replica-2\"}");
    }

    @Test
    void theLogOfABuildOnOneReplicaStreamsLiveAndInOrderThroughAnother() throws Exception {
        String bundleId = replica2.api()
                .upload(Bundles.dockerfile("FROM " + MIRROR + "/busybox:1.36\n"
                        + "RUN for i in $(seq 1 40); do echo line $i; sleep 0.1; done # " + UUID.randomUUID()
                        + "\n"));
        String buildId = replica2.api().startBuild(bundleId, "{\"noCache\":true}");
        String image = "daas-app:" + buildId;
        try {
            List<Sse.Event> lines = new ArrayList<>();
            List<Long> arrivedAt = new ArrayList<>();
            String statusAtLine1 = null;
            Sse.Event end = null;
            try (Sse sse = Sse.open(replica1.url() + "/api/docker/build/" + buildId + "/logs", null)) {
                assertThat(sse.status()).isEqualTo(200);
                Sse.Event e;
                while ((e = sse.next()) != null) {
                    if (e.type().equals("status")) {
                        end = e;
                        break;
                    }
                    lines.add(e);
                    arrivedAt.add(System.nanoTime());
                    if (e.data().equals("line 1")) {
                        statusAtLine1 = replica1.api()
                                .get("/api/docker/build/" + buildId)
                                .json()
                                .path("data")
                                .path("status")
                                .asString();
                    }
                }
            }
            assertThat(end).as("the stream ends with a status event").isNotNull();
            assertThat(end.data()).contains("\"status\":\"success\"");
            assertThat(statusAtLine1).as("line 1 arrives while the build runs").isEqualTo("building");
            for (int i = 0; i < lines.size(); i++) {
                assertThat(lines.get(i).id())
                        .as("event ids run 1, 2, 3... without gaps or repeats")
                        .isEqualTo(String.valueOf(i + 1));
            }
            List<String> echoed = lines.stream()
                    .map(Sse.Event::data)
                    .filter(d -> d.matches("line \\d+"))
                    .toList();
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                expected.add("line " + i);
            }
            assertThat(echoed).containsExactlyElementsOf(expected);
            int first = dataIndex(lines, "line 1");
            int last = dataIndex(lines, "line 40");
            long spreadMillis = (arrivedAt.get(last) - arrivedAt.get(first)) / 1_000_000;
            long longestPause = 0;
            for (int i = first + 1; i <= last; i++) {
                longestPause = Math.max(longestPause, (arrivedAt.get(i) - arrivedAt.get(i - 1)) / 1_000_000);
            }
            System.out.printf(
                    "40 lines of replica-2's build read live through replica-1 over %d ms, longest pause %d ms%n",
                    spreadMillis, longestPause);
            assertThat(spreadMillis)
                    .as("the lines came as they were printed (about 4 s), not all at the end")
                    .isGreaterThan(2000);
            assertThat(longestPause)
                    .as("printed every 100 ms, stored every 100 ms, polled every 200 ms")
                    .isLessThan(1500);

            JsonNode built =
                    replica1.api().get("/api/docker/build/" + buildId).json().path("data");
            assertThat(built.path("replica").asString()).isEqualTo("replica-2");
            String text = replica1.api()
                    .get("/api/docker/build/" + buildId + "/logs?follow=false")
                    .body();
            assertThat(text)
                    .isEqualTo(String.join(
                                    "\n", lines.stream().map(Sse.Event::data).toList()) + "\n");
        } finally {
            removeImage(secondEngine, image);
        }
    }

    private static int dataIndex(List<Sse.Event> events, String data) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).data().equals(data)) {
                return i;
            }
        }
        throw new AssertionError(data + " not in " + events);
    }

    // push-route: a push is answered by the replica whose engine holds the image

    @Test
    void aPushSentToAReplicaWhoseEngineLacksTheImageIsPushedByTheReplicaThatBuiltIt() throws Exception {
        String bundleId = replica2.api()
                .upload(Bundles.dockerfile("FROM " + MIRROR
                        + "/busybox:1.36\nRUN echo pushed through another replica # " + UUID.randomUUID() + "\n"));
        String buildId = replica2.api().startBuild(bundleId, null);
        JsonNode built = replica2.api().awaitEnd(buildId, Duration.ofSeconds(120));
        assertThat(built.path("status").asString()).as(built.toString()).isEqualTo("success");
        // the build ran where the queue put it: the push goes through the other replica
        String owner = built.path("replica").asString();
        assertThat(owner).isIn("replica-1", "replica-2");
        ServiceProcess holder = owner.equals("replica-1") ? replica1 : replica2;
        ServiceProcess other = owner.equals("replica-1") ? replica2 : replica1;
        DockerClient ownerEngine = owner.equals("replica-1") ? TestEngine.client() : secondEngine;
        DockerClient otherEngine = owner.equals("replica-1") ? secondEngine : TestEngine.client();
        String image = "daas-app:" + buildId;
        String repository = "push-route-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        try {
            assertThat(hasImage(otherEngine, image))
                    .as("the other engine never saw the build")
                    .isFalse();

            Api.Response pushed = other.api()
                    .postJson(
                            "/api/docker/push",
                            "{\"buildId\":\"" + buildId + "\",\"registry\":{\"url\":\"127.0.0.1:5000\",\"username\":"
                                    + "\"pusher\",\"password\":\"" + password + "\",\"repository\":\"" + repository
                                    + "\",\"tag\":\"v1\"}}");

            assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
            assertThat(pushed.json().path("success").asBoolean()).isTrue();
            assertThat(pushed.text("message")).isEqualTo("Image pushed successfully");
            String digest = pushed.text("digest");
            assertThat(digest).matches("sha256:[0-9a-f]{64}");
            String tag = pushed.text("registryTag");
            assertThat(tag).startsWith("127.0.0.1:5000/").endsWith("/" + repository + ":v1");
            assertThat(manifestDigest(tag))
                    .as("the registry holds the pushed image")
                    .isEqualTo(digest);
            assertThat(Files.readString(other.log()))
                    .contains("push of build " + buildId + " forwarded to replica " + owner);
            assertThat(Files.readString(other.log()) + Files.readString(holder.log()))
                    .doesNotContain(password);
            assertThat(holder.api()
                            .get("/api/docker/build/" + buildId)
                            .json()
                            .path("data")
                            .path("push")
                            .path("status")
                            .asString())
                    .isEqualTo("pushed");

            // the registry password travels with the forwarded request, and a refusal comes back unchanged
            try (TestRegistry locked = TestRegistry.withBasicAuth("pusher", password)) {
                String withAuth = "{\"buildId\":\"" + buildId + "\",\"registry\":{\"url\":\"" + locked.address()
                        + "\",\"username\":\"pusher\",\"password\":\"%s\",\"repository\":\"" + repository
                        + "\"}}";
                Api.Response authorised = other.api().postJson("/api/docker/push", withAuth.formatted(password));
                assertThat(authorised.status()).as(authorised.body()).isEqualTo(200);
                assertThat(authorised.text("digest")).isEqualTo(digest);

                Api.Response refused = other.api().postJson("/api/docker/push", withAuth.formatted("not-" + password));
                Api.Response refusedByOwner =
                        holder.api().postJson("/api/docker/push", withAuth.formatted("not-" + password));
                assertThat(refused.status()).as(refused.body()).isEqualTo(422);
                assertThat(refused.json()).isEqualTo(refusedByOwner.json());
            }
            assertThat(Files.readString(other.log()) + Files.readString(holder.log()))
                    .doesNotContain(password);
        } finally {
            removeImage(ownerEngine, image);
        }
    }

    @Test
    void aPushOfABuildWhoseReplicaIsGoneAnswers503NamingThatReplica() throws Exception {
        Map<String, String> third = new HashMap<>(database);
        third.put("BUNDLE_STORE", "database");
        third.put("MAX_CONCURRENT_BUILDS", "1");
        third.put("BASE_IMAGE_MIRROR", MIRROR);
        third.put("REPLICA_NAME", "replica-3");
        // on the second engine, which replica-1 (the first engine) does not share
        third.put("DOCKER_HOST", System.getenv("DAAS_SECOND_DOCKER_HOST"));
        ServiceProcess replica3 = ServiceProcess.start(Files.createDirectories(work.resolve("replica-3")), third);
        String buildId = null;
        try {
            Api api = replica3.api();
            String bundleId = api.upload(Bundles.dockerfile("FROM " + MIRROR
                    + "/busybox:1.36\nRUN echo on a replica that goes away # " + UUID.randomUUID() + "\n"));
            // a registry password given with the build is held in replica-3's memory only: the build stays there
            Api.Response started = api.postJson(
                    "/api/docker/build",
                    "{\"bundleId\":\"" + bundleId + "\",\"registry\":{\"url\":\"127.0.0.1:5000\",\"username\":"
                            + "\"pusher\",\"password\":\"pw-" + UUID.randomUUID()
                            + "\",\"repository\":\"push-route-gone\"}}");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            buildId = started.text("buildId");
            JsonNode built = api.awaitEnd(buildId, Duration.ofSeconds(120));
            assertThat(built.path("status").asString()).as(built.toString()).isEqualTo("success");
            assertThat(built.path("replica").asString()).isEqualTo("replica-3");
        } finally {
            replica3.kill();
        }
        String push = "{\"buildId\":\"" + buildId + "\",\"registry\":{\"url\":\"127.0.0.1:5000\",\"repository\":"
                + "\"push-route-gone\"}}";
        try {
            Api.Response refused = replica1.api().postJson("/api/docker/push", push);
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.json().path("success").asBoolean()).isFalse();
            assertThat(refused.text("message"))
                    .startsWith("The image of build " + buildId + " is on replica replica-3's engine")
                    .contains("replica-3");

            // once its heartbeat is older than REPLICA_LOST_AFTER (20 s) it is not running
            Api.Response lost = Poll.every(Duration.ofSeconds(1), Duration.ofSeconds(60))
                    .until(
                            () -> replica1.api().postJson("/api/docker/push", push),
                            r -> r.status() == 503 && r.text("message").contains("is not running"));
            assertThat(lost.text("message"))
                    .isEqualTo("The image of build " + buildId + " is on replica replica-3's engine and replica-3 is"
                            + " not running: build it again (POST /api/docker/build) and push the new build");

            // replica-2 shares replica-3's engine, which still has the image: it pushes it itself
            Api.Response pushed = replica2.api().postJson("/api/docker/push", push);
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
            assertThat(pushed.text("digest")).startsWith("sha256:");
        } finally {
            removeImage(secondEngine, "daas-app:" + buildId);
        }
    }

    private static boolean hasImage(DockerClient engine, String image) {
        try {
            engine.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Test
    void aReproductionAskedOfAnotherReplicaIsRebuiltAndComparedWhereTheImageIs() throws Exception {
        String bundleId = replica2.api()
                .upload(Bundles.targz(Map.of(
                        "Dockerfile",
                        "FROM " + MIRROR
                                + "/busybox:1.36\nCOPY . /app/\nRUN od -An -N16 -tx1 /dev/urandom > /app/now.txt\n",
                        "in.txt",
                        UUID.randomUUID() + "\n")));
        String buildId = replica2.api().startBuild(bundleId, "{\"reproducible\":true}");
        String rebuildId = null;
        JsonNode built = replica2.api().awaitEnd(buildId, Duration.ofSeconds(120));
        String owner = built.path("replica").asString();
        ServiceProcess other = owner.equals("replica-1") ? replica2 : replica1;
        DockerClient ownerEngine = owner.equals("replica-1") ? TestEngine.client() : secondEngine;
        try {
            assertThat(built.path("status").asString()).as(built.toString()).isEqualTo("success");

            Api.Response started = other.api().postJson("/api/docker/build/" + buildId + "/reproduce", "");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            rebuildId = started.json().path("data").path("rebuildId").asString();
            JsonNode result = Poll.every(Duration.ofMillis(250), Duration.ofMinutes(3))
                    .until(
                            () -> other.api()
                                    .get("/api/docker/build/" + buildId + "/reproduce")
                                    .json()
                                    .path("data"),
                            data -> data.has("match") && !data.path("match").isNull());

            assertThat(other.api()
                            .get("/api/docker/build/" + rebuildId)
                            .json()
                            .path("data")
                            .path("replica")
                            .asString())
                    .as("the rebuild runs next to the image it is compared with")
                    .isEqualTo(owner);
            assertThat(result.path("match").asBoolean()).as(result.toString()).isFalse();
            assertThat(result.path("difference").path("path").asString())
                    .as(result.toString())
                    .isEqualTo("app/now.txt");
            assertThat(Files.readString(other.log()))
                    .contains("reproduction of build " + buildId + " forwarded to replica " + owner);
        } finally {
            removeImage(ownerEngine, "daas-app:" + buildId);
            if (rebuildId != null) {
                removeImage(ownerEngine, "daas-app:" + rebuildId);
            }
        }
    }

    /** The digest the registry on 127.0.0.1:5000 answers for a pushed tag's manifest. */
    private static String manifestDigest(String registryTag) throws Exception {
        String path = registryTag.substring("127.0.0.1:5000/".length());
        int colon = path.lastIndexOf(':');
        java.net.http.HttpResponse<Void> answer = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:5000/v2/"
                                        + path.substring(0, colon) + "/manifests/" + path.substring(colon + 1)))
                                .header(
                                        "Accept",
                                        "application/vnd.docker.distribution.manifest.v2+json,"
                                                + " application/vnd.oci.image.manifest.v1+json")
                                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.headers().firstValue("Docker-Content-Digest").orElse(null);
    }

    private static DockerClient secondEngine() {
        String host = System.getenv("DAAS_SECOND_DOCKER_HOST");
        if (host == null || host.isBlank()) {
            throw new IllegalStateException("no second engine: run scripts/engine.sh second up and eval"
                    + " \"$(scripts/engine.sh second env)\" (scripts/test.sh does both)");
        }
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .build();
        DockerClient client = DockerClientImpl.getInstance(
                config,
                new ApacheDockerHttpClient.Builder()
                        .dockerHost(config.getDockerHost())
                        .build());
        client.pingCmd().exec();
        return client;
    }

    private static void removeImage(DockerClient engine, String image) {
        try {
            engine.removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
            // never made
        }
    }
}
