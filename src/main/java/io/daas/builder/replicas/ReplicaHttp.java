package io.daas.builder.replicas;

import io.daas.builder.config.DaemonThreads;
import io.daas.builder.errors.Unavailable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request from this replica to another one, over HTTP/1.1 with no proxy and no redirects: the JSON
 * body and the caller's {@code Authorization} go there, {@value PushForwarding#FORWARDED_BY} names this
 * replica; the answer comes back as it is. Logs name the build, replica, status and time, never a body.
 */
final class ReplicaHttp implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ReplicaHttp.class);

    private final Duration budget;
    private final String self;
    private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("replica-forward"));
    private final HttpClient http;

    /** {@code budget}: how long a request may take; {@code self}: this replica's name. */
    ReplicaHttp(Duration budget, String self) {
        this.budget = budget;
        this.self = self;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .executor(threads)
                .build();
    }

    Relayed send(
            String what,
            String buildId,
            String replica,
            String base,
            String method,
            String path,
            String authorization,
            byte[] json)
            throws IOException {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(stripSlash(base) + path));
        } catch (IllegalArgumentException e) {
            throw new Unavailable("Build " + buildId + " is answered by replica " + replica + ", but its address '"
                    + base + "' is not an http(s) URL: fix REPLICA_URL on " + replica);
        }
        b.timeout(budget).header("Accept", "application/json").header(PushForwarding.FORWARDED_BY, self);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> answer = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            log.info(
                    "{} of build {} forwarded to replica {} ({}): {} in {} ms",
                    what,
                    buildId,
                    replica,
                    base,
                    answer.statusCode(),
                    (System.nanoTime() - started) / 1_000_000);
            return new Relayed(
                    answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse(null),
                    answer.headers().firstValue("Retry-After").orElse(null),
                    answer.body());
        } catch (IOException e) {
            log.warn(
                    "{} of build {} could not be forwarded to replica {} ({}): {}",
                    what,
                    buildId,
                    replica,
                    base,
                    reason(e));
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(
                    "The " + what + " of build " + buildId + " on replica " + replica + " was interrupted: try again");
        }
    }

    /** Why a request to a replica failed, in a few words. */
    static String reason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
