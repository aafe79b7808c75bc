package io.daas.builder.replicas;

import io.daas.builder.builds.ImageLabels;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.RegistryProperties;
import io.daas.builder.engine.ImageEngine;
import io.daas.builder.errors.Unavailable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.Optional;
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

    /** Beyond the push's own budget: the owner's tenancy check, the attestation push, the answer. */
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(PushForwarding.class);

    private final ReplicaDirectory directory;
    private final Duration lostAfter;
    private final ReplicaHttp http;
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
        this.http = new ReplicaHttp(pushTimeout.plus(MARGIN), directory.self());
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
                    http.send("push", buildId, replica, base, "POST", "/api/docker/push", authorization, json.get()));
        } catch (IOException e) {
            throw new Unavailable(
                    "The image of build " + buildId + " is on replica " + replica + "'s engine, and " + replica
                            + " could not be reached at " + base + " (" + ReplicaHttp.reason(e)
                            + "): try again shortly, or"
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
            return Optional.of(
                    http.send("reproduction", buildId, replica, base.get(), method, path, authorization, null));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return Optional.empty(); // never sent: answered here
        } catch (IOException e) {
            throw new Unavailable("The reproduction of build " + buildId + " is answered by replica " + replica
                    + ", which did not answer (" + ReplicaHttp.reason(e) + "): try again shortly");
        }
    }

    private boolean answeredHere(String replica, String forwardedBy) {
        return replica == null || replica.equals(directory.self()) || forwardedBy != null;
    }

    /** A running replica's URL. */
    private Optional<String> reachable(String replica) {
        return directory.urlOf(replica).filter(u -> directory.alive(replica, lostAfter));
    }

    @Override
    public void destroy() {
        http.close();
    }
}
