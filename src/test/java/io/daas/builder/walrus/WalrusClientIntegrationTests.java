package io.daas.builder.walrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.config.WalrusSettings;
import io.daas.builder.support.FakeWalrus;
import io.daas.builder.support.FakeWalrus.Behaviour;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Walrus client against a Walrus-compatible server on loopback, case by case. */
class WalrusClientIntegrationTests {

    private static final FakeWalrus WALRUS = FakeWalrus.start();
    private static final Duration BUDGET = Duration.ofSeconds(3);
    private static final long MAX_SIZE = 1024 * 1024;

    private final WalrusClient client = client(WALRUS.url(), BUDGET);

    @TempDir
    Path tmp;

    @AfterAll
    static void stop() {
        WALRUS.close();
    }

    @Test
    void readsABlobStraightToDisk() throws IOException {
        byte[] data = random(300_000);
        String id = WALRUS.put(data);

        long size = client.read(id, tmp.resolve("blob"));

        assertThat(size).isEqualTo(data.length);
        assertThat(Files.readAllBytes(tmp.resolve("blob"))).isEqualTo(data);
        assertThat(WALRUS.reads(id)).isEqualTo(1);
    }

    @Test
    void aBlobMissingForAFewReadsIsReadOnceItAppears() throws IOException {
        byte[] data = random(1000);
        String id = WALRUS.put(data);
        WALRUS.missingFor(id, 3);

        client.read(id, tmp.resolve("blob"));

        assertThat(Files.readAllBytes(tmp.resolve("blob"))).isEqualTo(data);
        assertThat(WALRUS.reads(id)).isEqualTo(4);
    }

    @Test
    void aBlobThatStaysMissingFailsAfterTheBudgetAsNotFound() {
        String id = FakeWalrus.blobId("never stored".getBytes(StandardCharsets.UTF_8));
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.read(id, tmp.resolve("blob")))
                .isInstanceOf(BlobNotFoundException.class)
                .hasMessageStartingWith("Blob " + id + " not found in Walrus storage");

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isBetween(Duration.ofSeconds(1), BUDGET.plusSeconds(2));
        assertThat(WALRUS.reads(id)).isGreaterThan(2);
    }

    @Test
    void aBlobThatStaysUnavailableFailsWithWalrusMessageAfterRetries() {
        String id = WALRUS.put(random(100), Behaviour.UNAVAILABLE);

        assertThatThrownBy(() -> client.read(id, tmp.resolve("blob")))
                .isInstanceOf(WalrusException.class)
                .hasMessageContaining("Blob " + id + " could not be read from Walrus")
                .hasMessageContaining("503 UNAVAILABLE: the blob is temporarily not retrievable");
        assertThat(WALRUS.reads(id)).isGreaterThan(2);
    }

    @Test
    void unavailableThenAvailableIsRead() throws Exception {
        byte[] data = random(5000);
        String id = WALRUS.put(data, Behaviour.UNAVAILABLE);
        CompletableFuture<Void> heal = CompletableFuture.runAsync(
                () -> WALRUS.behave(id, Behaviour.NORMAL),
                CompletableFuture.delayedExecutor(700, TimeUnit.MILLISECONDS));

        client.read(id, tmp.resolve("blob"));

        heal.join();
        assertThat(Files.readAllBytes(tmp.resolve("blob"))).isEqualTo(data);
    }

    @Test
    void aSlowBodyIsReadWhileBytesKeepComing() throws IOException {
        byte[] data = random(200_000);
        String id = WALRUS.put(data, Behaviour.SLOW_BODY); // 10 parts, 150 ms apart: longer than one idle timeout

        client.read(id, tmp.resolve("blob"));

        assertThat(Files.readAllBytes(tmp.resolve("blob"))).isEqualTo(data);
        assertThat(WALRUS.reads(id)).isEqualTo(1);
    }

    @Test
    void aStalledBodyTimesOutAndIsRetriedWithinTheBudget() {
        String id = WALRUS.put(random(100_000), Behaviour.STALLED_BODY);
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.read(id, tmp.resolve("blob")))
                .isInstanceOf(WalrusException.class)
                .hasMessageContaining("did not answer in time");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BUDGET.plusSeconds(3));
        assertThat(WALRUS.reads(id)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aBodyPastMaxBundleSizeStopsAtTheCapAndIsNotRetried() throws IOException {
        String endless = WALRUS.put(random(10), Behaviour.ENDLESS_BODY);
        assertThatThrownBy(() -> client.read(endless, tmp.resolve("endless")))
                .isInstanceOf(BlobTooLargeException.class)
                .hasMessageContaining("MAX_BUNDLE_SIZE");
        assertThat(Files.size(tmp.resolve("endless"))).isLessThanOrEqualTo(MAX_SIZE);
        assertThat(WALRUS.reads(endless)).isEqualTo(1);

        String declared = WALRUS.put(random((int) MAX_SIZE + 1));
        assertThatThrownBy(() -> client.read(declared, tmp.resolve("declared")))
                .isInstanceOf(BlobTooLargeException.class);
        assertThat(WALRUS.reads(declared)).isEqualTo(1);
    }

    @Test
    void overTheAggregatorLimitAndBlockedFailAtOnceWithTheirReason() {
        String big = WALRUS.put(random(100), Behaviour.OVER_AGGREGATOR_LIMIT);
        assertThatThrownBy(() -> client.read(big, tmp.resolve("blob")))
                .isInstanceOf(BlobTooLargeException.class)
                .hasMessageContaining("size limit")
                .hasMessageContaining("403 PERMISSION_DENIED");
        assertThat(WALRUS.reads(big)).isEqualTo(1);

        String blocked = WALRUS.put(random(100), Behaviour.BLOCKED);
        assertThatThrownBy(() -> client.read(blocked, tmp.resolve("blob")))
                .isInstanceOf(WalrusException.class)
                .hasMessageContaining("blocked")
                .hasMessageContaining("451");
        assertThat(WALRUS.reads(blocked)).isEqualTo(1);
    }

    @Test
    void anUnreachableAggregatorFailsAfterTheBudgetSayingSo() throws IOException {
        WalrusClient nowhere = client("http://127.0.0.1:" + closedPort(), Duration.ofSeconds(1));
        String id = FakeWalrus.blobId(new byte[1]);

        assertThatThrownBy(() -> nowhere.read(id, tmp.resolve("blob")))
                .isInstanceOf(WalrusException.class)
                .hasMessageContaining("could not be reached");
    }

    @Test
    void storingAnswersNewlyCreatedThenAlreadyCertified() throws IOException {
        Path file = Files.write(tmp.resolve("bundle"), random(20_000));

        StoredBlob first = client.store(file);
        StoredBlob second = client.store(file);

        assertThat(first.blobId()).hasSize(43).isEqualTo(FakeWalrus.blobId(Files.readAllBytes(file)));
        assertThat(first.alreadyCertified()).isFalse();
        assertThat(second).isEqualTo(new StoredBlob(first.blobId(), true));
        assertThat(WALRUS.lastEpochs()).isEqualTo("2");
        assertThat(WALRUS.holds(first.blobId())).isTrue();
    }

    @Test
    void storingTooLargeOrTimedOutSaysSo() throws IOException {
        Path file = Files.write(tmp.resolve("bundle"), random(100));
        try {
            WALRUS.publisherAnswers(413);
            assertThatThrownBy(() -> client.store(file))
                    .isInstanceOf(BlobTooLargeException.class)
                    .hasMessageContaining("too large");
            WALRUS.publisherAnswers(504);
            assertThatThrownBy(() -> client.store(file))
                    .isInstanceOf(WalrusException.class)
                    .hasMessageContaining("timed out");
        } finally {
            WALRUS.publisherAnswers(200);
        }
    }

    private static WalrusClient client(String url, Duration budget) {
        return new WalrusClient(new WalrusSettings(url, url, true, 2, budget), MAX_SIZE);
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        data[0] = (byte) System.nanoTime(); // distinct blobs per test
        return data;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
