package io.daas.builder.support;

import io.daas.builder.engine.BuildLogLine;
import io.daas.builder.engine.BuiltImage;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.engine.ImageBuildFailedException;
import io.daas.builder.engine.ImageBuildSpec;
import io.daas.builder.engine.RunningImageBuild;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One build on the {@link FakeEngine}: prints its script's lines when it starts, then ends as the
 * script says, at once or (held) when the test releases it; {@link #stop()} ends it without an
 * image, as dropping the connection does on the real engine.
 */
public final class FakeBuild implements RunningImageBuild {

    /** How a build ends. */
    public enum Ending {
        /** With an image of {@link Script#imageSize()} bytes under the spec's tag. */
        IMAGE,
        /** The engine fails the build with {@link Script#message()} (a step failed). */
        FAILED,
        /** The engine stops answering during the build. */
        ENGINE_GONE,
        /** It is still running when the wait for it ends, whatever the wait: it outlasts BUILD_TIMEOUT. */
        OUTLASTS_THE_WAIT
    }

    /**
     * What a build does.
     *
     * @param lines output lines printed when it starts
     * @param ending how it ends
     * @param message the engine's message of a failed build
     * @param imageSize bytes of the image it makes
     * @param holds whether it runs until the test releases or stops it
     * @param refusal when not null, the build does not start: the engine refuses it with this message
     */
    public record Script(
            List<String> lines, Ending ending, String message, long imageSize, boolean holds, String refusal) {

        public Script {
            lines = List.copyOf(lines);
        }

        /** Makes an image of 1 MiB at once. */
        public static Script succeeds() {
            return new Script(List.of(), Ending.IMAGE, null, 1024 * 1024, false, null);
        }

        /** Fails at once with the engine's {@code message}, as a failing step does. */
        public static Script fails(String message) {
            return new Script(List.of(), Ending.FAILED, message, 0, false, null);
        }

        /** The engine stops answering during the build. */
        public static Script engineGone(String message) {
            return new Script(List.of(), Ending.ENGINE_GONE, message, 0, false, null);
        }

        /** Still running when the wait for it ends (at once, however long the wait), until stopped. */
        public static Script outlastsTheWait() {
            return new Script(List.of(), Ending.OUTLASTS_THE_WAIT, null, 0, true, null);
        }

        /** Refused before it starts (a context that cannot be read, a limit that cannot be applied). */
        public static Script refused(String message) {
            return new Script(List.of(), Ending.FAILED, message, 0, false, message);
        }

        /** Runs until the test releases it (then ends as scripted) or something stops it. */
        public Script held() {
            return new Script(lines, ending, message, imageSize, true, refusal);
        }

        /** Prints these output lines first. */
        public Script printing(String... more) {
            return new Script(
                    Stream.concat(lines.stream(), Stream.of(more)).toList(),
                    ending,
                    message,
                    imageSize,
                    holds,
                    refusal);
        }

        /** The image it makes has this many bytes. */
        public Script imageOf(long bytes) {
            return new Script(lines, ending, message, bytes, holds, refusal);
        }
    }

    private final ImageBuildSpec spec;
    private final Script script;
    private final Consumer<BuildLogLine> logs;
    private final FakeEngine engine;
    private final Consumer<FakeBuild> onEnd;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile BuiltImage image;
    private volatile Duration awaitedFor;

    FakeBuild(
            ImageBuildSpec spec,
            Script script,
            Consumer<BuildLogLine> logs,
            FakeEngine engine,
            Consumer<FakeBuild> onEnd) {
        this.spec = spec;
        this.script = script;
        this.logs = logs;
        this.engine = engine;
        this.onEnd = onEnd;
    }

    /** What the build was asked to do. */
    public ImageBuildSpec spec() {
        return spec;
    }

    /** Prints one more output line, as a running step would. */
    public void emit(String line) {
        logs.accept(new BuildLogLine(line));
    }

    /** Lets a held build end as its script says. */
    public void release() {
        end(false);
    }

    /** Whether something stopped the build. */
    public boolean isStopped() {
        return stopped;
    }

    /** How long the last wait for the build was allowed to take, or null before any. */
    public Duration awaitedFor() {
        return awaitedFor;
    }

    /** Whether the build has ended, whatever way. */
    public boolean hasEnded() {
        return ended.get();
    }

    @Override
    public BuiltImage await(Duration timeout) throws InterruptedException, TimeoutException {
        awaitedFor = timeout;
        if (script.ending() == Ending.OUTLASTS_THE_WAIT && !ended.get()) {
            throw new TimeoutException("build still running after " + timeout.toSeconds() + " s");
        }
        if (!done.await(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("build still running after " + timeout.toSeconds() + " s");
        }
        if (stopped && image == null) {
            throw new EngineUnavailableException(
                    "Docker engine at " + FakeEngine.HOST + " ended the build without an image", null);
        }
        return switch (script.ending()) {
            case IMAGE -> image;
            case FAILED -> throw new ImageBuildFailedException(script.message());
            case ENGINE_GONE -> throw engine.unavailable(script.message());
            case OUTLASTS_THE_WAIT ->
                throw new EngineUnavailableException(
                        "Docker engine at " + FakeEngine.HOST + " ended the build without an image", null);
        };
    }

    @Override
    public void stop() {
        stopped = true;
        end(true);
    }

    void begin() {
        script.lines().forEach(this::emit);
        if (!script.holds()) {
            end(false);
        }
    }

    private void end(boolean stopping) {
        if (ended.compareAndSet(false, true)) {
            if (!stopping && script.ending() == Ending.IMAGE) {
                image = engine.keep(spec.tag(), script.imageSize(), spec.labels());
            }
            onEnd.accept(this);
            done.countDown();
        }
    }
}
