package io.daas.builder.support;

import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.registry.ImagePusher;
import io.daas.builder.registry.PushFailures;
import io.daas.builder.registry.PushTarget;
import io.daas.builder.registry.PushedImage;
import io.daas.builder.security.SecretSanitiser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An {@link ImagePusher} in memory: every push is kept (with the target and its credentials, as the
 * engine would get them) and answers with a digest of the reference, unless the test scripted the
 * next ones to fail with the engine's own message (classified as the real pusher does) or with the
 * engine gone. Thread-safe.
 */
public final class FakePusher implements ImagePusher {

    /** One push as the pusher was asked for it. */
    public record Push(String localImage, PushTarget target, Duration timeout) {}

    private final List<Push> pushes = new CopyOnWriteArrayList<>();
    private final Queue<Function<PushTarget, RuntimeException>> failures = new ConcurrentLinkedQueue<>();

    /** The next push fails with what the engine printed, like {@code unauthorized: authentication required}. */
    public FakePusher nextFailsWith(String engineMessage) {
        failures.add(target -> PushFailures.classify(
                target,
                engineMessage,
                SecretSanitiser.NONE.with(target.credentials().password())));
        return this;
    }

    /** The next push finds the engine gone. */
    public FakePusher nextFindsTheEngineGone() {
        failures.add(target -> new EngineUnavailableException(
                "Docker engine at " + FakeEngine.HOST + " is not reachable (connection refused); check that it runs",
                null));
        return this;
    }

    /** Forgets every push and scripted failure. */
    public void reset() {
        pushes.clear();
        failures.clear();
    }

    /** Every push asked for so far, oldest first. */
    public List<Push> pushes() {
        return List.copyOf(pushes);
    }

    /** The digest this pusher reports for a reference. */
    public static String digestOf(String reference) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(reference.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public PushedImage push(String localImage, PushTarget target, Duration timeout) {
        pushes.add(new Push(localImage, target, timeout));
        Function<PushTarget, RuntimeException> failure = failures.poll();
        if (failure != null) {
            throw failure.apply(target);
        }
        return new PushedImage(target.reference(), digestOf(target.reference()));
    }
}
