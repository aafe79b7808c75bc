package io.daas.builder.walrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.daas.builder.config.WalrusSettings;
import io.daas.builder.security.OutboundPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An aggregator that redirects or answers with foreign content, on loopback: redirects are followed
 * only where the outbound policy allows, and what a non-Walrus server answered is never echoed.
 */
class WalrusRedirectsIntegrationTests {

    private static final String BLOB = "A".repeat(43);
    private static final String SECRET = "internal-secret-" + System.nanoTime();

    private HttpServer server;
    private final AtomicInteger internalHits = new AtomicInteger();

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/to-metadata/v1/blobs/", e -> redirect(e, "http://169.254.169.254/latest/meta-data/"));
        server.createContext("/to-private/v1/blobs/", e -> redirect(e, "http://10.1.2.3:8080/secret"));
        server.createContext("/to-loopback/v1/blobs/", e -> redirect(e, "/internal/" + BLOB));
        server.createContext("/internal/", e -> {
            internalHits.incrementAndGet();
            answer(e, 200, "blob bytes");
        });
        server.createContext("/foreign/v1/blobs/", e -> answer(e, 400, "<html>" + SECRET + "</html>"));
        server.createContext("/loop/v1/blobs/", e -> redirect(e, "/loop/v1/blobs/" + BLOB));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRedirectToMetadataOrAPrivateAddressIsRefusedWithoutConnecting() {
        for (String path : new String[] {"/to-metadata", "/to-private"}) {
            assertThatThrownBy(() -> client(path).read(BLOB, tmp.resolve("blob")))
                    .isInstanceOf(WalrusException.class)
                    .hasMessageContaining("may not be reached")
                    .hasMessageContaining("are refused");
        }
    }

    @Test
    void aRedirectToWhereThePolicyAllowsIsFollowed() throws IOException {
        assertThat(client("/to-loopback").read(BLOB, tmp.resolve("blob"))).isEqualTo(10);
        assertThat(Files.readString(tmp.resolve("blob"))).isEqualTo("blob bytes");
        assertThat(internalHits.get()).isEqualTo(1);
    }

    @Test
    void redirectsAreNotFollowedForever() {
        assertThatThrownBy(() -> client("/loop").read(BLOB, tmp.resolve("blob")))
                .isInstanceOf(WalrusException.class)
                .hasMessageContaining("past " + BlobDownload.MAX_REDIRECTS + " redirects");
    }

    @Test
    void anAnswerThatIsNotAWalrusErrorIsNotEchoed() {
        assertThatThrownBy(() -> client("/foreign").read(BLOB, tmp.resolve("blob")))
                .isInstanceOf(WalrusException.class)
                .hasMessageContaining("400")
                .hasMessageContaining("not shown")
                .satisfies(
                        e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("html"));
        assertThat(WalrusErrorMessage.describe(404, "{\"error\":{\"status\":\"NOT_FOUND\",\"message\":\"a\\u0000b\"}}"))
                .isEqualTo("404 NOT_FOUND: a b");
    }

    /** The policy of the tests: loopback allowed (the aggregator is on loopback), private ranges not. */
    private WalrusClient client(String path) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        return new WalrusClient(
                new WalrusSettings(url, url, false, 1, Duration.ofSeconds(1)),
                1024,
                new OutboundPolicy(true, false, InetAddress::getAllByName));
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange e, String location) throws IOException {
        e.getResponseHeaders().add("Location", location);
        e.sendResponseHeaders(302, -1);
        e.close();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange e, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }
}
