package io.daas.builder.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

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
    public static HttpResponse<String> await(int port, String path) {
        AtomicReference<Exception> last = new AtomicReference<>();
        try {
            return Poll.every(Duration.ofMillis(250), Duration.ofSeconds(60))
                    .until(() -> answer(port, path, last), Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("nothing answered on port " + port, last.get());
        }
    }

    /** The body of the first 200 answer to {@code GET /}, asking until {@code timeout} is over. */
    public static String awaitBody(int port, Duration timeout) {
        AtomicReference<Exception> last = new AtomicReference<>();
        AtomicReference<String> lastAnswer = new AtomicReference<>("nothing");
        try {
            return Poll.every(Duration.ofMillis(250), timeout)
                    .until(
                            () -> {
                                HttpResponse<String> r = answer(port, "/", last);
                                if (r != null && r.statusCode() != 200) {
                                    lastAnswer.set(r.statusCode() + " " + r.body());
                                }
                                return r;
                            },
                            r -> r != null && r.statusCode() == 200)
                    .body();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "no 200 on port " + port + " within " + timeout + " (last answer: " + lastAnswer.get() + ")",
                    last.get());
        }
    }

    /** One answer, or null (the failure kept in {@code failure}) while nothing listens. */
    private static HttpResponse<String> answer(int port, String path, AtomicReference<Exception> failure)
            throws InterruptedException {
        try {
            return get(port, path);
        } catch (IOException e) {
            failure.set(e);
            return null;
        }
    }
}
