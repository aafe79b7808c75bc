package io.daas.builder.replicas;

import io.daas.builder.builds.ImageLabels;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.DaemonThreads;
import io.daas.builder.config.RegistryProperties;
import io.daas.builder.engine.ImageEngine;
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
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Sends a request that only the replica holding a build's image can answer (its push, its
 * reproduction) to that replica, and hands back its answer unchanged. A push body may hold a
 * registry password: it goes to that replica only and is never logged.
 */
@Component
public class PushForwarding implements DisposableBean {

    /** Names the replica that forwarded a request; a request carrying it is never forwarded again. */
    public static final String FORWARDED_BY = "X-Daas-Forwarded-By";

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Beyond the push's own budget: the owner's tenancy check, the attestation push, the answer. */
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(PushForwarding.class);

    private final ReplicaDirectory directory;
    private final Duration lostAfter;
    private final Duration budget;
    private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("replica-forward"));
    private final HttpClient http;
    private final Predicate<String> onThisEngine;

    @Autowired
    PushForwarding(
            ReplicaDirectory directory, BuilderProperties properties, RegistryProperties registry, ImageEngine engine) {
        this(
                directory,
                Duration.ofSeconds(properties.replica().lostAfterSeconds()),
                Duration.ofSeconds(registry.pushTimeout()),
                engine::hasImage);
    }

    /**
     * {@code lostAfter}: REPLICA_LOST_AFTER; {@code pushTimeout}: PUSH_TIMEOUT, the owner's own budget;
     * {@code onThisEngine}: whether this replica's engine has an image (by tag).
     */
    PushForwarding(
            ReplicaDirectory directory, Duration lostAfter, Duration pushTimeout, Predicate<String> onThisEngine) {
        this.directory = directory;
        this.onThisEngine = onThisEngine;
        this.lostAfter = lostAfter;
        this.budget = pushTimeout.plus(MARGIN);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .executor(threads)
                .build();
    }

    /**
     * The answer of the replica whose engine holds a build's image to {@code POST /api/docker/push};
     * empty when this replica answers itself: the build ran here, ran before replicas were recorded,
     * or the request was already forwarded once.
     *
     * @param replica the replica that ran the build ({@code Build.replica()}), or null
     * @param forwardedBy the request's {@value #FORWARDED_BY} header, or null
     * @param authorization the request's Authorization header, or null
     * @param json the request body, made only when it is sent
     * @throws Unavailable when that replica is not running or cannot be reached
     */
    public Optional<Relayed> push(
            String buildId, String replica, String forwardedBy, String authorization, Supplier<byte[]> json) {
        if (answeredHere(replica, forwardedBy)) {
            return Optional.empty();
        }
        Optional<String> reachable = reachable(replica);
        if (reachable.isEmpty() && onThisEngine.test(ImageLabels.IMAGE_REPOSITORY + ":" + buildId)) {
            // its replica is gone, but this engine has the image (one service whose name changed, a shared engine)
            return Optional.empty();
        }
        String base = reachable.orElseThrow(
                () -> new Unavailable("The image of build " + buildId + " is on replica " + replica
                        + "'s engine and " + replica + " is not running: build it again (POST /api/docker/build)"
                        + " and push the new build"));
        try {
            return Optional.of(
                    send("push", buildId, replica, base, "POST", "/api/docker/push", authorization, json.get()));
        } catch (IOException e) {
            throw new Unavailable(
                    "The image of build " + buildId + " is on replica " + replica + "'s engine, and " + replica
                            + " could not be reached at " + base + " (" + reason(e) + "): try again shortly, or"
                            + " build it again (POST /api/docker/build) and push the new build",
                    e);
        }
    }

    /**
     * The answer of the replica that ran a build to {@code POST} or {@code GET
     * /api/docker/build/{id}/reproduce}: the rebuild is started there, next to the image, and the two
     * images are compared there. Empty when this replica answers itself: as for a push, and also when
     * that replica is not running or refuses the connection (the answer then still tells whether the
     * images match, only not where they differ).
     *
     * @throws Unavailable when that replica took the request but did not answer it
     */
    public Optional<Relayed> reproduction(
            String buildId, String replica, String method, String forwardedBy, String authorization) {
        if (answeredHere(replica, forwardedBy)) {
            return Optional.empty();
        }
        Optional<String> base = reachable(replica);
        if (base.isEmpty()) {
            return Optional.empty();
        }
        String path = "/api/docker/build/" + buildId + "/reproduce";
        try {
            return Optional.of(send("reproduction", buildId, replica, base.get(), method, path, authorization, null));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return Optional.empty(); // never sent: answered here
        } catch (IOException e) {
            throw new Unavailable("The reproduction of build " + buildId + " is answered by replica " + replica
                    + ", which did not answer (" + reason(e) + "): try again shortly");
        }
    }

    private boolean answeredHere(String replica, String forwardedBy) {
        return replica == null || replica.equals(directory.self()) || forwardedBy != null;
    }

    /** A running replica's URL. */
    private Optional<String> reachable(String replica) {
        return directory.urlOf(replica).filter(u -> directory.alive(replica, lostAfter));
    }

    private Relayed send(
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
        b.timeout(budget).header("Accept", "application/json").header(FORWARDED_BY, directory.self());
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

    private static String reason(IOException e) {
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
    public void destroy() {
        threads.shutdownNow();
    }
}
