package io.daas.builder.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.Poll;
import io.daas.builder.support.ReplicaCluster;
import io.daas.builder.support.ReplicaCluster.Engine;
import io.daas.builder.support.ServiceProcess;
import io.daas.builder.support.Sse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The acceptance of issue 17: three replicas (the packaged jar) on one PostgreSQL with the shared
 * queue, one build at a time each, on two engines: replica-1 and replica-3 on the first, replica-2
 * on the second. The tests share the cluster and run in order; the last ones kill or stop replicas.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaClusterIntegrationTests {

    private static final String MIRROR = System.getenv().getOrDefault("BASE_IMAGE_MIRROR", "127.0.0.1:5000/mirror");
    private static final String REGISTRY = System.getenv().getOrDefault("DAAS_TEST_REGISTRY", "127.0.0.1:5000");
    private static final Set<String> FINAL = Set.of("success", "failed", "cancelled");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DRAIN_SECONDS = 30;
    private static final int SHORT_DRAIN_SECONDS = 5;
    private static final Duration END = Duration.ofSeconds(120);

    private static ReplicaCluster cluster;
    private static final List<String> alive = new CopyOnWriteArrayList<>();
    private static final List<String> builds = new CopyOnWriteArrayList<>();
    private static final List<String> pushed = new CopyOnWriteArrayList<>();
    private static volatile boolean failed;

    @RegisterExtension
    static final TestWatcher KEEP_LOGS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }
    };

    @BeforeAll
    static void startThreeReplicas() throws Exception {
        cluster = ReplicaCluster.create(Map.of(
                "MAX_CONCURRENT_BUILDS",
                "1",
                "BASE_IMAGE_MIRROR",
                MIRROR,
                "REPLICA_LOST_AFTER",
                "10",
                "DRAIN_TIMEOUT",
                String.valueOf(DRAIN_SECONDS)));
        Map<String, Engine> names = new LinkedHashMap<>();
        names.put("replica-1", cluster.firstEngine());
        names.put("replica-2", cluster.secondEngine());
        names.put("replica-3", cluster.firstEngine());
        try {
            cluster.start(names, Map.of());
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
        alive.addAll(names.keySet());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (cluster == null) {
            return;
        }
        try {
            for (String id : builds) {
                try {
                    JsonNode d = data(anyAlive(), id);
                    if (!FINAL.contains(status(d))) {
                        anyAlive().api().delete("/api/docker/build/" + id);
                    }
                } catch (RuntimeException e) {
                    // best effort: the replica may be gone
                }
            }
            for (Engine engine : List.of(cluster.firstEngine(), cluster.secondEngine())) {
                builds.forEach(id -> engine.removeImage("daas-app:" + id));
                pushed.forEach(tag -> engine.removeImage(tag.substring(0, tag.indexOf('@'))));
            }
            pushed.forEach(ReplicaClusterIntegrationTests::deleteFromRegistry);
        } finally {
            if (failed) {
                System.out.println("service logs of the replicas kept in " + cluster.work());
            }
            cluster.close(failed);
        }
    }

    @Test
    @Order(1)
    void twelveBuildsSubmittedRoundRobinEachRunOnceInSubmissionOrderAndOneAtATimePerReplica() throws Exception {
        List<ServiceProcess> via = List.of(replica("replica-1"), replica("replica-2"), replica("replica-3"));
        // The first build runs longer: a replica that kept the builds sent to it (a queue per
        // process) would start builds 3, 6 and 9 after later ones, which the order check catches.
        List<String> bundles = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bundles.add(via.get(i % 3)
                    .api()
                    .upload(bundle("RUN echo " + UUID.randomUUID() + " && sleep " + (i == 0 ? 8 : 2))));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(track(via.get(i % 3).api().startBuild(bundles.get(i), null)));
        }
        List<JsonNode> ended = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ended.add(via.get(i % 3).api().awaitEnd(ids.get(i), Duration.ofSeconds(180)));
        }

        assertThat(ended).allSatisfy(b -> assertThat(status(b)).as(b.toString()).isEqualTo("success"));
        for (int i = 0; i < 12; i++) {
            JsonNode b = ended.get(i);
            String replica = b.path("replica").asString();
            assertThat(replica).as(b.toString()).isIn("replica-1", "replica-2", "replica-3");
            String log = via.get((i + 1) % 3)
                    .api()
                    .get("/api/docker/build/" + ids.get(i) + "/logs?follow=false")
                    .body();
            assertThat(occurrences(log, "Step 1/"))
                    .as("one engine build for %s: %s", ids.get(i), log)
                    .isEqualTo(1);
            Engine engine = cluster.engineOf(replica);
            String image = "daas-app:" + ids.get(i);
            assertThat(engine.hasImage(image)).as(image + " on the " + engine).isTrue();
            assertThat(cluster.otherEngine(engine).hasImage(image))
                    .as(image + " not on the " + cluster.otherEngine(engine))
                    .isFalse();
        }
        double startedTotal = 0;
        for (ServiceProcess p : via) {
            startedTotal += meter(p, "daas_builds_started_total");
        }
        assertThat(startedTotal).as("builds started over all replicas").isEqualTo(12.0);

        Map<String, List<JsonNode>> byReplica = new TreeMap<>();
        ended.forEach(b -> byReplica
                .computeIfAbsent(b.path("replica").asString(), r -> new ArrayList<>())
                .add(b));
        assertThat(byReplica).as("every replica took some").containsOnlyKeys("replica-1", "replica-2", "replica-3");
        byReplica.forEach((replica, own) -> {
            List<JsonNode> sorted =
                    own.stream().sorted(Comparator.comparing(b -> started(b))).toList();
            for (int k = 1; k < sorted.size(); k++) {
                assertThat(started(sorted.get(k)))
                        .as("%s ran %s before %s ended", replica, sorted.get(k), sorted.get(k - 1))
                        .isAfterOrEqualTo(ended(sorted.get(k - 1)));
            }
        });
        // Submission order: the queue hands builds out oldest first, but two replicas that poll at
        // nearly the same moment each claim one and then start them in parallel threads, so a later
        // build may be stamped a few milliseconds before an earlier one. 250 ms is far below the 2 s
        // that any build of this test runs, so a real reordering (a build jumping a round) still fails.
        for (int i = 0; i < 12; i++) {
            for (int j = i + 1; j < 12; j++) {
                assertThat(started(ended.get(i)))
                        .as("build %d (%s) started after build %d (%s)", i, ended.get(i), j, ended.get(j))
                        .isBeforeOrEqualTo(started(ended.get(j)).plusMillis(250));
            }
        }
    }

    @Test
    @Order(2)
    void statusAndLiveLogsWithResumeWorkThroughReplicasThatDoNotRunTheBuild() throws Exception {
        String id = submit(
                replica("replica-1"),
                "RUN for i in $(seq 1 30); do echo line $i; sleep 0.2; done # " + UUID.randomUUID());
        String owner = awaitRunning(replica("replica-1"), id).path("replica").asString();
        ServiceProcess other = replica(otherThan(owner));
        ServiceProcess third = alive.stream()
                .filter(r -> !r.equals(owner) && replica(r) != other)
                .map(ReplicaClusterIntegrationTests::replica)
                .findFirst()
                .orElseThrow();

        JsonNode seen = data(other, id);
        assertThat(status(seen)).as(seen.toString()).isEqualTo("building");
        assertThat(seen.path("replica").asString()).isEqualTo(owner);

        LiveLog live = readLive(other, third, id);
        JsonNode end = other.api().awaitEnd(id, END);
        assertThat(status(end)).as(end.toString()).isEqualTo("success");
        assertThat(live.statusAtFirstLine())
                .as("the build still ran when its first line came")
                .isEqualTo("building");
        assertThat(live.statusAtResume())
                .as("the build still ran when the reader came back through a third replica")
                .isEqualTo("building");
        assertThat(live.firstLineAt()).isBefore(ended(end));
        System.out.printf(
                "live logs through another replica: the loop's first line came %d ms before the build ended%n",
                Duration.between(live.firstLineAt(), ended(end)).toMillis());
        assertThat(live.ids())
                .as("event ids with no gap, across the reconnection")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, live.ids().size())
                        .mapToObj(Long::valueOf)
                        .toList());
        assertThat(live.numbers())
                .as("the lines of the loop, in order")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 30).boxed().toList());
        JsonNode statusEvent = JSON.readTree(live.statusData());
        assertThat(statusEvent.path("status").asString()).isEqualTo("success");
        assertThat(statusEvent.path("lastEventId").asLong())
                .isEqualTo((long) live.ids().size());
    }

    @Test
    @Order(3)
    void cancelThroughAReplicaThatDoesNotRunTheBuildStopsItWithinFiveSeconds() throws Exception {
        String marker = "cancel-" + UUID.randomUUID();
        String longId = submit(replica("replica-2"), "RUN echo " + marker + " && sleep 300");
        String runner =
                awaitRunning(replica("replica-2"), longId).path("replica").asString();
        Engine engine = cluster.engineOf(runner);
        Poll.every(Duration.ofMillis(200), Duration.ofSeconds(60)).until(() -> engine.runningWith(marker) > 0);
        ServiceProcess canceller = replica(otherThan(runner));

        Instant before = Instant.now();
        Api.Response cancel = canceller.api().delete("/api/docker/build/" + longId);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        JsonNode cancelled = canceller.api().awaitEnd(longId, Duration.ofSeconds(15));
        Duration took = Duration.between(before, Instant.now());
        System.out.printf("cancel through another replica: cancelled after %d ms%n", took.toMillis());
        assertThat(status(cancelled)).as(cancelled.toString()).isEqualTo("cancelled");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        Poll.every(Duration.ofMillis(200), Duration.ofSeconds(15)).until(() -> engine.runningWith(marker) == 0);
    }

    @Test
    @Order(4)
    void aPushSentToAReplicaWhoseEngineLacksTheImageSucceeds() throws Exception {
        String id = submit(replica("replica-2"), "RUN echo pushed " + UUID.randomUUID());
        JsonNode built = replica("replica-2").api().awaitEnd(id, END);
        assertThat(status(built)).as(built.toString()).isEqualTo("success");
        Engine holder = cluster.engineOf(built.path("replica").asString());
        String via = alive.stream()
                .filter(r -> cluster.engineOf(r) != holder)
                .findFirst()
                .orElseThrow();
        assertThat(cluster.engineOf(via).hasImage("daas-app:" + id)).isFalse();

        String namespace = "cluster" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response push = replica(via)
                .api()
                .postJson(
                        "/api/docker/push",
                        "{\"buildId\":\"" + id + "\",\"registry\":{\"url\":\"" + REGISTRY + "\",\"namespace\":\""
                                + namespace + "\",\"repository\":\"app\",\"tag\":\"v1\"}}");
        assertThat(push.status()).as(push.body()).isEqualTo(200);
        String digest = push.text("digest");
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        pushed.add(REGISTRY + "/" + namespace + "/app:v1@" + digest);
        assertThat(push.text("registryTag")).isEqualTo(REGISTRY + "/" + namespace + "/app:v1");

        HttpResponse<String> manifest = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://" + REGISTRY + "/v2/" + namespace + "/app/manifests/v1"))
                                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.statusCode()).as(manifest.body()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    }

    @Test
    @Order(5)
    void aBundleUploadedToOneReplicaBuildsOnAnother() throws Exception {
        // a replica busy with its one slot cannot take the build: it must run on another one
        String blocker = submit(replica("replica-1"), "RUN echo blocker " + UUID.randomUUID() + " && sleep 60");
        String busy =
                awaitRunning(replica("replica-1"), blocker).path("replica").asString();
        Api.Response upload = replica(busy)
                .api()
                .postBytes(
                        "/api/docker/bundles",
                        "application/gzip",
                        bundle("RUN echo uploaded to " + busy + " " + UUID.randomUUID()));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        assertThat(upload.text("storage")).isEqualTo("database");

        String id = track(replica(busy).api().startBuild(upload.text("bundleId"), null));
        JsonNode built = replica(busy).api().awaitEnd(id, END);
        assertThat(status(built)).as(built.toString()).isEqualTo("success");
        String builder = built.path("replica").asString();
        assertThat(builder).isNotEqualTo(busy).isIn(alive);
        assertThat(cluster.engineOf(builder).hasImage("daas-app:" + id)).isTrue();

        replica(busy).api().delete("/api/docker/build/" + blocker);
        assertThat(status(replica(busy).api().awaitEnd(blocker, Duration.ofSeconds(15))))
                .isEqualTo("cancelled");
    }

    @Test
    @Order(6)
    void aKilledReplicasBuildFailsNamingItWithinAMinuteAndItsQueuedBuildsRunElsewhere() throws Exception {
        String victim = "replica-3";
        Map<String, String> markers = new LinkedHashMap<>();
        Map<String, String> runningOn = new LinkedHashMap<>();
        for (String r : List.of("replica-1", "replica-2", "replica-3")) {
            String marker = "lost-" + UUID.randomUUID();
            String id = submit(replica(r), "RUN echo " + marker + " && sleep 20");
            markers.put(id, marker);
        }
        for (String id : markers.keySet()) {
            runningOn.put(awaitRunning(replica(victim), id).path("replica").asString(), id);
        }
        assertThat(runningOn).as("one build on each replica").hasSize(3);
        String lostBuild = runningOn.get(victim);
        List<String> queued = List.of(
                submit(replica(victim), "RUN echo queued " + UUID.randomUUID()),
                submit(replica(victim), "RUN echo queued " + UUID.randomUUID()));
        assertThat(status(data(replica(victim), queued.get(0)))).isEqualTo("pending");
        Engine victimEngine = cluster.engineOf(victim);
        Poll.every(Duration.ofMillis(200), Duration.ofSeconds(30))
                .until(() -> victimEngine.runningWith(markers.get(lostBuild)) > 0);

        replica(victim).kill();
        Instant killedAt = Instant.now();
        alive.remove(victim);
        cluster.forget(victim);

        // every poll goes to a survivor in turn: each must answer while the victim is being declared lost
        AtomicInteger turn = new AtomicInteger();
        JsonNode lost = Poll.every(Duration.ofMillis(250), Duration.ofSeconds(75))
                .until(
                        () -> {
                            ServiceProcess survivor = replica(alive.get(turn.getAndIncrement() % alive.size()));
                            Api.Response r = survivor.api().get("/api/docker/build/" + lostBuild);
                            assertThat(r.status()).as(r.body()).isEqualTo(200);
                            return r.json().path("data");
                        },
                        d -> FINAL.contains(status(d)));
        Duration detected = Duration.between(killedAt, Instant.now());
        System.out.printf("SIGKILL of %s: its build failed after %d ms%n", victim, detected.toMillis());
        assertThat(status(lost)).as(lost.toString()).isEqualTo("failed");
        assertThat(lost.path("error").asString()).contains("replica " + victim + " lost during the build");
        assertThat(detected).isLessThan(Duration.ofSeconds(60));

        for (String id : markers.keySet()) {
            if (!id.equals(lostBuild)) {
                JsonNode other = anyAlive().api().awaitEnd(id, END);
                assertThat(status(other)).as(other.toString()).isEqualTo("success");
            }
        }
        for (String id : queued) {
            JsonNode q = anyAlive().api().awaitEnd(id, END);
            assertThat(status(q)).as(q.toString()).isEqualTo("success");
            assertThat(q.path("replica").asString()).isIn(alive);
        }
    }

    @Test
    @Order(7)
    void aStoppedReplicaStopsClaimingFinishesItsBuildAndExits() throws Exception {
        String first = alive.get(0);
        String longMarker = "keep-" + UUID.randomUUID();
        String longId = submit(replica(first), "RUN echo " + longMarker + " && sleep 15");
        String keeper = awaitRunning(replica(first), longId).path("replica").asString();
        String drainMarker = "drain-" + UUID.randomUUID();
        String drainId = submit(replica(keeper), "RUN echo " + drainMarker + " && sleep 6");
        String drained = awaitRunning(replica(keeper), drainId).path("replica").asString();
        assertThat(drained).isNotEqualTo(keeper);
        Poll.every(Duration.ofMillis(200), Duration.ofSeconds(30))
                .until(() -> cluster.engineOf(drained).runningWith(drainMarker) > 0);

        Instant stoppedAt = Instant.now();
        CompletableFuture<Instant> exited = stop(drained);
        String after = submit(replica(keeper), "RUN echo after the stop " + UUID.randomUUID());

        JsonNode finished = replica(keeper).api().awaitEnd(drainId, END);
        assertThat(status(finished)).as(finished.toString()).isEqualTo("success");
        assertThat(finished.path("replica").asString()).isEqualTo(drained);
        assertThat(cluster.engineOf(drained).hasImage("daas-app:" + drainId)).isTrue();
        Duration drainTook = Duration.between(stoppedAt, exited.get(DRAIN_SECONDS + 30, TimeUnit.SECONDS));
        System.out.printf(
                "SIGTERM of %s mid-build: exited after %d ms (DRAIN_TIMEOUT %d s)%n",
                drained, drainTook.toMillis(), DRAIN_SECONDS);
        assertThat(drainTook).isLessThan(Duration.ofSeconds(DRAIN_SECONDS + 15));

        JsonNode afterEnd = replica(keeper).api().awaitEnd(after, END);
        assertThat(status(afterEnd)).as(afterEnd.toString()).isEqualTo("success");
        assertThat(afterEnd.path("replica").asString())
                .as("the build submitted after the stop ran on the other replica")
                .isEqualTo(keeper);
        assertThat(started(afterEnd))
                .as("it waited for the keeper although the stopped replica was free")
                .isAfter(ended(finished));
        assertThat(status(replica(keeper).api().awaitEnd(longId, END))).isEqualTo("success");
    }

    @Test
    @Order(8)
    void aBuildLongerThanTheDrainTimeoutIsHandedBackAndSucceedsOnAnotherReplica() throws Exception {
        String keeper = alive.get(0);
        Engine elsewhere = cluster.otherEngine(cluster.engineOf(keeper));
        cluster.start("replica-4", elsewhere, Map.of("DRAIN_TIMEOUT", String.valueOf(SHORT_DRAIN_SECONDS)));
        alive.add("replica-4");

        Map<String, String> markers = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            String marker = "handback-" + UUID.randomUUID();
            markers.put(submit(replica(keeper), "RUN echo " + marker + " && sleep 10"), marker);
        }
        Map<String, String> runningOn = new LinkedHashMap<>();
        for (String id : markers.keySet()) {
            runningOn.put(awaitRunning(replica(keeper), id).path("replica").asString(), id);
        }
        assertThat(runningOn).containsOnlyKeys(keeper, "replica-4");
        String handed = runningOn.get("replica-4");
        Poll.every(Duration.ofMillis(200), Duration.ofSeconds(30))
                .until(() -> elsewhere.runningWith(markers.get(handed)) > 0);

        Instant stoppedAt = Instant.now();
        CompletableFuture<Instant> exited = stop("replica-4");
        Duration drainTook = Duration.between(stoppedAt, exited.get(SHORT_DRAIN_SECONDS + 30, TimeUnit.SECONDS));
        System.out.printf(
                "SIGTERM of replica-4 with a longer build: exited after %d ms (DRAIN_TIMEOUT %d s)%n",
                drainTook.toMillis(), SHORT_DRAIN_SECONDS);
        assertThat(drainTook).isLessThan(Duration.ofSeconds(SHORT_DRAIN_SECONDS + 15));

        JsonNode rerun = replica(keeper).api().awaitEnd(handed, END);
        assertThat(status(rerun)).as(rerun.toString()).isEqualTo("success");
        assertThat(rerun.path("replica").asString()).isEqualTo(keeper);
        assertThat(cluster.engineOf(keeper).hasImage("daas-app:" + handed)).isTrue();
        assertThat(elsewhere.hasImage("daas-app:" + handed))
                .as("the stopped replica's engine did not finish the build it handed back")
                .isFalse();
        assertThat(status(replica(keeper).api().awaitEnd(runningOn.get(keeper), END)))
                .isEqualTo("success");
    }

    /**
     * What an SSE reader of a running build saw: event ids, the loop's numbers, when the first came
     * and the build's status then and at the reconnection, and the status event's data.
     */
    private record LiveLog(
            List<Long> ids,
            List<Integer> numbers,
            Instant firstLineAt,
            String statusAtFirstLine,
            String statusAtResume,
            String statusData) {}

    /**
     * Follows a build's log through {@code via} until the loop's line 10, then goes on through
     * {@code resumeVia} with {@code Last-Event-ID}, as a client whose connection dropped would.
     */
    private static LiveLog readLive(ServiceProcess via, ServiceProcess resumeVia, String id) throws Exception {
        String path = "/api/docker/build/" + id + "/logs";
        AtomicReference<Sse> open = new AtomicReference<>(Sse.open(via.url() + path, null));
        assertThat(open.get().status()).isEqualTo(200);
        CompletableFuture<LiveLog> reading = CompletableFuture.supplyAsync(() -> {
            Pattern line = Pattern.compile("line (\\d+)");
            List<Long> ids = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>();
            Instant firstLineAt = null;
            String statusAtFirstLine = null;
            String statusAtResume = null;
            Sse.Event e;
            while ((e = open.get().next()) != null) {
                if (e.type().equals("status")) {
                    return new LiveLog(ids, numbers, firstLineAt, statusAtFirstLine, statusAtResume, e.data());
                }
                ids.add(Long.parseLong(e.id()));
                Matcher m = line.matcher(e.data().strip());
                if (m.matches()) {
                    numbers.add(Integer.parseInt(m.group(1)));
                    if (firstLineAt == null) {
                        firstLineAt = Instant.now();
                        statusAtFirstLine = status(data(via, id));
                    }
                    if (statusAtResume == null && numbers.size() == 10) {
                        open.get().close();
                        statusAtResume = status(data(resumeVia, id));
                        open.set(Sse.open(resumeVia.url() + path, e.id()));
                        assertThat(open.get().status()).isEqualTo(200);
                    }
                }
            }
            throw new AssertionError("the stream ended with no status event after " + ids.size() + " lines");
        });
        try {
            return reading.get(90, TimeUnit.SECONDS);
        } finally {
            open.get().close();
        }
    }

    /** Sends SIGTERM (ServiceProcess.close) and completes with the moment the process has exited. */
    private static CompletableFuture<Instant> stop(String name) {
        ServiceProcess process = replica(name);
        alive.remove(name);
        cluster.forget(name);
        return CompletableFuture.supplyAsync(() -> {
            try {
                process.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return Instant.now();
        });
    }

    private static JsonNode awaitRunning(ServiceProcess via, String id) {
        return via.api()
                .await(
                        id,
                        "ran on a replica",
                        d -> ("building".equals(status(d)) && d.hasNonNull("replica")) || FINAL.contains(status(d)),
                        Duration.ofSeconds(90));
    }

    /** Uploads a tiny Dockerfile bundle through {@code via} and starts it there; returns the build id. */
    private static String submit(ServiceProcess via, String steps) {
        return track(via.api().startBuild(via.api().upload(bundle(steps)), null));
    }

    private static byte[] bundle(String steps) {
        return Bundles.dockerfile("FROM " + MIRROR + "/busybox:1.36\n" + steps + "\n");
    }

    private static String track(String buildId) {
        builds.add(buildId);
        return buildId;
    }

    /** A live replica other than {@code name}, one on the other engine when there is one. */
    private static String otherThan(String name) {
        Engine engine = cluster.engineOf(name);
        return alive.stream()
                .filter(r -> !r.equals(name))
                .min(Comparator.comparing(r -> cluster.engineOf(r) == engine))
                .orElseThrow();
    }

    private static ServiceProcess replica(String name) {
        return cluster.replica(name);
    }

    private static ServiceProcess anyAlive() {
        return replica(alive.get(0));
    }

    private static JsonNode data(ServiceProcess via, String id) {
        return via.api().get("/api/docker/build/" + id).json().path("data");
    }

    private static String status(JsonNode data) {
        return data.path("status").asString();
    }

    private static Instant started(JsonNode data) {
        return Instant.parse(data.path("buildStartTime").asString());
    }

    private static Instant ended(JsonNode data) {
        return Instant.parse(data.path("endTime").asString());
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** The sum of a counter's series in a replica's Prometheus scrape. */
    private static double meter(ServiceProcess p, String name) {
        return p.api()
                .get("/actuator/prometheus")
                .body()
                .lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static void deleteFromRegistry(String reference) {
        String repository = reference.substring(REGISTRY.length() + 1, reference.indexOf(':', REGISTRY.length() + 1));
        String digest = reference.substring(reference.indexOf('@') + 1);
        try {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://" + REGISTRY + "/v2/" + repository + "/manifests/" + digest))
                                    .DELETE()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            // best effort: the registry keeps one small test image
        }
    }
}
