package io.daas.builder.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.security.Caller;
import io.daas.builder.support.Poll;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.Sse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log of a build that runs on another replica, read through this service's API. The test plays
 * the other replica: it stores a {@code building} build of replica "elsewhere" and writes its log
 * with a log store of its own on the same database, as that replica's service would (batches every
 * 100 ms, the log's row opened and closed), while an SSE client reads through HTTP.
 */
class RemoteLogStreamIntegrationTests extends ServiceIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    BuildLogRepository logRepository;

    @Autowired
    BuildRepository builds;

    private LogStore elsewhere;
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final List<Reader> open = new ArrayList<>();

    @BeforeEach
    void otherReplica() {
        elsewhere = new LogStore(logRepository, builds, 1 << 30, "elsewhere");
    }

    @AfterEach
    void stop() {
        open.forEach(Reader::close);
        readers.shutdownNow();
        elsewhere.destroy();
    }

    /** An event and when it arrived. */
    private record Received(Sse.Event event, long atNanos) {}

    /** One SSE client reading a build's log to its end on a thread of its own. */
    private final class Reader implements AutoCloseable {
        private final BlockingQueue<Received> events = new LinkedBlockingQueue<>();
        private volatile Sse sse;
        private volatile boolean ended;

        Reader(String buildId, String lastEventId) {
            String url = "http://127.0.0.1:" + port + "/api/docker/build/" + buildId + "/logs";
            readers.execute(() -> {
                sse = Sse.open(url, lastEventId);
                try {
                    Sse.Event e;
                    while ((e = sse.next()) != null) {
                        events.add(new Received(e, System.nanoTime()));
                    }
                } catch (RuntimeException closed) {
                    // closed by the test
                } finally {
                    ended = true;
                }
            });
            open.add(this);
        }

        /** The next {@code n} events, waiting for each. */
        List<Received> take(int n) throws InterruptedException {
            List<Received> got = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Received r = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(r).as("event %d of %d (had %s)", i + 1, n, got).isNotNull();
                got.add(r);
            }
            return got;
        }

        /** Every event until the stream ends. */
        List<Received> rest() throws InterruptedException {
            Poll.every(Duration.ofMillis(20), WAIT).alias("the stream ended").until(() -> ended);
            List<Received> got = new ArrayList<>();
            events.drainTo(got);
            return got;
        }

        @Override
        public void close() {
            if (sse != null) {
                sse.close();
            }
        }
    }

    private Build building(String id) {
        Build b = Build.pending(id, "bundle-elsewhere", BuildOptions.defaults(), Caller.LOCAL_TENANT, null)
                .with(BuildStatus.BUILDING, 20, "Step 2/3", null, null, "daas-app:" + id, null, Instant.now(), null)
                .ranBy("elsewhere");
        builds.insert(b);
        return b;
    }

    private static void appendSlowly(LiveLog log, int from, int to, long[] appendedAt) throws InterruptedException {
        for (int i = from; i <= to; i++) {
            appendedAt[i] = System.nanoTime();
            log.append("line " + i);
            Thread.sleep(50);
        }
    }

    private static void assertLines(List<Received> got, int from, int to) {
        assertThat(got).extracting(r -> r.event().type()).containsOnly("message");
        List<String> ids = new ArrayList<>();
        List<String> data = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add(String.valueOf(i));
            data.add("line " + i);
        }
        assertThat(got).extracting(r -> r.event().id()).containsExactlyElementsOf(ids);
        assertThat(got).extracting(r -> r.event().data()).containsExactlyElementsOf(data);
    }

    private static String status(Received r) {
        assertThat(r.event().type()).isEqualTo("status");
        return JsonMapper.builder()
                .build()
                .readTree(r.event().data())
                .path("status")
                .asString();
    }

    @Test
    void linesOfABuildOnAnotherReplicaArriveLiveInOrderAndTheStatusComesOnlyAfterItsOwnerClosedTheLog()
            throws InterruptedException {
        String id = UUID.randomUUID().toString();
        Build build = building(id);
        LiveLog log = elsewhere.open(id);
        assertThat(api.get("/api/docker/build/" + id)
                        .json()
                        .path("data")
                        .path("replica")
                        .asString())
                .isEqualTo("elsewhere");
        Reader reader = new Reader(id, null);
        long[] appendedAt = new long[41];

        appendSlowly(log, 1, 30, appendedAt);
        List<Received> live = reader.take(30);
        assertLines(live, 1, 30);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            delays.add((live.get(i).atNanos() - appendedAt[i + 1]) / 1_000_000);
        }
        List<Long> sorted = delays.stream().sorted().toList();
        System.out.printf(
                "remote live log delay: median %d ms, max %d ms over %d lines%n",
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
        assertThat(sorted.get(sorted.size() - 1))
                .as("each line reaches the client within a second (flush 100 ms, poll 200 ms): %s", delays)
                .isLessThan(1000);

        // as its owner does: the final status first, then the last lines, then the log closes
        builds.update(build.ended(BuildStatus.SUCCESS, null, Instant.now()));
        appendSlowly(log, 31, 40, appendedAt);
        long closedAt = System.nanoTime();
        elsewhere.close(id, log);

        List<Received> rest = reader.rest();
        assertThat(rest).isNotEmpty();
        Received end = rest.remove(rest.size() - 1);
        assertLines(rest, 31, 40);
        assertThat(status(end)).isEqualTo("success");
        assertThat(end.atNanos())
                .as("the status event waits for the log's close")
                .isGreaterThan(closedAt);
    }

    @Test
    void aReconnectWithLastEventIdThroughAReplicaThatDoesNotRunTheBuildResumesAfterThatLine()
            throws InterruptedException {
        String id = UUID.randomUUID().toString();
        Build build = building(id);
        LiveLog log = elsewhere.open(id);
        long[] appendedAt = new long[31];
        Reader first = new Reader(id, null);
        appendSlowly(log, 1, 10, appendedAt);
        assertLines(first.take(10), 1, 10);
        first.close();

        appendSlowly(log, 11, 20, appendedAt);
        Reader second = new Reader(id, "10");
        assertLines(second.take(10), 11, 20);
        appendSlowly(log, 21, 30, appendedAt);
        assertLines(second.take(10), 21, 30);
        builds.update(build.ended(BuildStatus.FAILED, "step 3 failed", Instant.now()));
        elsewhere.close(id, log);

        List<Received> rest = second.rest();
        assertThat(rest).hasSize(1);
        assertThat(status(rest.get(0))).isEqualTo("failed");
    }

    @Test
    void followFalseOnABuildRunningOnAnotherReplicaAnswersWhatIsStoredSoFar() throws InterruptedException {
        String id = UUID.randomUUID().toString();
        building(id);
        LiveLog log = elsewhere.open(id);
        for (int i = 1; i <= 20; i++) {
            log.append("line " + i);
        }
        Poll.every(Duration.ofMillis(20), WAIT).alias("20 lines stored").until(() -> logRepository.lastSeq(id) == 20);

        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            expected.append("line ").append(i).append('\n');
        }
        assertThat(api.get("/api/docker/build/" + id + "/logs?follow=false").body())
                .isEqualTo(expected.toString());
        assertThat(api.get("/api/docker/build/" + id + "/logs?follow=false&since=18")
                        .body())
                .isEqualTo("line 19\nline 20\n");
        elsewhere.close(id, log);
    }

    @Test
    void aBuildCancelledWhileQueuedOnAnotherReplicaEndsItsStreamWithTheStatusAtOnce() throws InterruptedException {
        String id = UUID.randomUUID().toString();
        builds.insert(Build.pending(id, "bundle-elsewhere", BuildOptions.defaults(), Caller.LOCAL_TENANT, null)
                .ended(BuildStatus.CANCELLED, "Build cancelled", Instant.now()));
        long asked = System.nanoTime();
        List<Received> all = new Reader(id, null).rest();
        assertThat(all).hasSize(1);
        assertThat(status(all.get(0))).isEqualTo("cancelled");
        assertThat((all.get(0).atNanos() - asked) / 1_000_000)
                .as("no log was ever opened: nothing to wait for")
                .isLessThan(2000);
    }
}
