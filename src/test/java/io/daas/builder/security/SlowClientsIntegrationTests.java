package io.daas.builder.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.security.body.MinBodyRateFilter;
import io.daas.builder.support.Api;
import io.daas.builder.support.Api.Response;
import io.daas.builder.support.ServiceIntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
 * Slow clients on real loopback sockets: 200 connections sending a body at 1 byte per 5 s must not
 * make {@code /health} (or an ordinary API call) slow. Bounded: 200 sockets, about 20 s.
 */
class SlowClientsIntegrationTests extends ServiceIntegrationTest {

    static final String TOKEN = "slow-token-0123456789abc";
    private static final Duration HOLD = Duration.ofSeconds(16);

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("builder.security.tokens-file", () -> {
            try {
                Path file = Files.createTempFile("daas-tokens-", ".txt");
                Files.writeString(file, TOKEN + " slow\n");
                return file.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        registry.add("builder.fairness.upload-rate-limit", () -> "0");
    }

    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    @Test
    void twoHundredSlowBodiesWithoutATokenLeaveHealthFast() throws Exception {
        open(200, null);

        List<Long> millis = pollWhileHeld(() -> api.get("/health"));

        assertThat(millis)
                .as("ms per /health with 200 slow bodies open")
                .allSatisfy(ms -> assertThat(ms).isLessThan(1000));
    }

    @Test
    void twoHundredSlowUploadsOfATenantLeaveHealthAndOtherRequestsFast() throws Exception {
        open(200, TOKEN);
        Api client = api.withToken(TOKEN);
        Response upload = client.postBytes("/api/docker/bundles", "application/gzip", new byte[] {1, 2, 3});

        List<Long> health = pollWhileHeld(() -> api.get("/health"));
        long started = System.nanoTime();
        Response list = client.get("/api/docker/builds");
        long listMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(health)
                .as("ms per /health with 200 slow uploads open")
                .allSatisfy(ms -> assertThat(ms).isLessThan(1000));
        assertThat(list.status()).isEqualTo(200);
        assertThat(listMillis).isLessThan(1000);
        // every body slot is held by a slow upload: a new one is told so at once, not kept waiting
        assertThat(upload.status()).as(upload.body()).isEqualTo(503);
        assertThat(upload.text("message")).contains("MAX_BODY_REQUESTS");
    }

    @Test
    void aBodySlowerThanTheMinimumRateIsCutOffWith408() throws Exception {
        open(1, TOKEN);
        Socket slow = sockets.get(0);
        slow.setSoTimeout(25_000);
        long started = System.nanoTime();

        byte[] statusLine = slow.getInputStream().readNBytes(12);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String answer = new String(statusLine, StandardCharsets.US_ASCII)
                + new String(slow.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);

        assertThat(answer).startsWith("HTTP/1.1 408").contains("MIN_BODY_RATE");
        // the check runs before each read, and a byte comes every 5 s
        assertThat(seconds).isBetween(MinBodyRateFilter.GRACE_SECONDS - 1, MinBodyRateFilter.GRACE_SECONDS + 6);
    }

    /** Opens {@code n} connections that each announce a 100 kB upload and start sending it slowly. */
    private void open(int n, String token) throws IOException {
        for (int i = 0; i < n; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            s.setSoTimeout(1000);
            String head = "POST /api/docker/bundles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/gzip\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Content-Length: 100000\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(0x1f);
            out.flush();
            sockets.add(s);
        }
        Thread trickle = new Thread(() -> {
            long end = System.nanoTime() + HOLD.toNanos();
            while (System.nanoTime() < end) {
                sleep(5000);
                for (Socket s : sockets) {
                    try {
                        s.getOutputStream().write(0);
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        // the service closed it: that is allowed
                    }
                }
            }
        });
        trickle.setDaemon(true);
        trickle.start();
    }

    /** Calls {@code request} every 500 ms while the slow connections are held; the time of each call. */
    private static List<Long> pollWhileHeld(java.util.function.Supplier<Response> request) {
        List<Long> millis = new ArrayList<>();
        long end = System.nanoTime() + HOLD.minusSeconds(2).toNanos();
        while (System.nanoTime() < end) {
            long started = System.nanoTime();
            Response r = request.get();
            millis.add((System.nanoTime() - started) / 1_000_000);
            assertThat(r.status()).isEqualTo(200);
            sleep(500);
        }
        System.out.println("SlowClientsIntegrationTests: ms per call while held: " + millis);
        return millis;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
