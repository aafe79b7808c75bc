package io.daas.builder.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Asks an app started with {@link TestEngine#serve} on a loopback port for its page. */
public final class AppProbe {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AppProbe() {}

    /** A loopback port free right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One {@code GET path} on the loopback port. */
    public static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The first answer of any status to {@code GET path}, asking for 60 s while nothing listens. */
    public static HttpResponse<String> await(int port, String path) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                return get(port, path);
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("nothing answered on port " + port, last);
    }

    /** The body of the first 200 answer to {@code GET /}, asking until {@code timeout} is over. */
    public static String awaitBody(int port, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        String lastAnswer = "nothing";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
                lastAnswer = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "no 200 on port " + port + " within " + timeout + " (last answer: " + lastAnswer + ")", last);
    }
}
