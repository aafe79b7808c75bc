package io.daas.builder.engine.run;

import com.github.dockerjava.transport.DockerHttpClient;
import io.daas.builder.engine.BuildLogLine;
import io.daas.builder.engine.BuiltImage;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.engine.ImageBuildFailedException;
import io.daas.builder.engine.RunningImageBuild;
import io.daas.builder.engine.limits.BuildLimits;
import io.daas.builder.engine.output.LineAssembler;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import tools.jackson.databind.ObjectMapper;

/** A build the Docker engine is running: follows its answer stream; wait for its image, or stop it. */
final class DockerImageBuild implements RunningImageBuild {

    /** How long a killed step's engine must keep answering before the kill is put down to memory. */
    private static final Duration KILLED_STEP_CHECK = Duration.ofSeconds(3);

    private final EngineProbe engine;
    private final BuildAnswer answer;
    private final LineAssembler lines;
    private final Long memoryLimit;
    private final Integer pidsLimit;
    private final BuildLimits limits;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile String limitError;
    private volatile boolean forkRefused;
    private volatile DockerHttpClient.Response response;
    private volatile Closeable upload;
    private volatile boolean stopped;
    private volatile String contextError;
    private volatile Throwable failure;

    /**
     * @param memoryLimit memory of each step, or null, to explain a killed step
     * @param pidsLimit processes of the build's steps, or null, to explain a refused fork
     * @param limits the build's cgroup and disk watch: each line goes to it, and it is ended once with the build
     */
    DockerImageBuild(
            EngineProbe engine,
            ObjectMapper json,
            Consumer<BuildLogLine> logs,
            Long memoryLimit,
            Integer pidsLimit,
            BuildLimits limits) {
        this.engine = engine;
        this.memoryLimit = memoryLimit;
        this.pidsLimit = pidsLimit;
        this.limits = limits;
        this.lines = new LineAssembler(line -> {
            limits.onLine(line.text());
            if (!forkRefused && line.text().contains("Resource temporarily unavailable")) {
                forkRefused = true; // EAGAIN from fork(): busybox "can't fork", bash "fork: retry", ...
            }
            logs.accept(line);
        });
        this.answer = new BuildAnswer(json, lines);
    }

    /** A step went past a limit: the build is stopped and fails with {@code message}. */
    void limitExceeded(String message) {
        if (limitError == null) {
            limitError = message;
        }
        stop();
    }

    @Override
    public BuiltImage await(Duration timeout) throws InterruptedException, TimeoutException {
        if (!done.await(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("build still running after " + timeout.toSeconds() + " s");
        }
        if (limitError != null) {
            throw new ImageBuildFailedException(limitError);
        }
        if (contextError != null) {
            throw new ImageBuildFailedException(contextError);
        }
        String error = answer.error();
        if (error != null) {
            if (StepFailures.killed(error) && !engine.staysUp(KILLED_STEP_CHECK)) {
                // A step killed (SIGKILL) because the engine itself is stopping, not for memory.
                throw new EngineUnavailableException(
                        "Docker engine at " + engine.host() + " stopped during the build (" + error
                                + "); start it again, then retry the build",
                        null);
            }
            throw new ImageBuildFailedException(StepFailures.explain(error, memoryLimit, pidsLimit, forkRefused));
        }
        String imageId = answer.imageId();
        if (failure != null || imageId == null) {
            engine.ping();
            throw new EngineUnavailableException(
                    "Docker engine at " + engine.host() + " ended the build without an image"
                            + (failure == null ? "" : " (" + failure.getMessage() + ")")
                            + "; it may have restarted: try the build again",
                    failure);
        }
        return engine.inspect(imageId);
    }

    /** Stops the build: dropping the connection makes the engine cancel it and remove its containers. */
    @Override
    public void stop() {
        stopped = true;
        closeQuietly(upload);
        closeQuietly(response);
    }

    boolean isStopped() {
        return stopped;
    }

    void uploading(Closeable body) {
        this.upload = body;
    }

    void contextFailed(IOException e) {
        if (!stopped) {
            contextError = e.getMessage();
            stop();
        }
    }

    /** Reads the engine's answer to the end; runs on an engine I/O thread. */
    void follow(DockerHttpClient.Response answer) {
        this.response = answer;
        try (answer) {
            if (!stopped) {
                this.answer.read(answer);
            }
        } catch (IOException | RuntimeException e) {
            if (!stopped) {
                failure = e;
            }
        } finally {
            end();
        }
    }

    void failedToStart(Throwable e) {
        failure = e;
        end();
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            try {
                limits.end(stopped);
            } finally {
                done.countDown();
            }
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // best effort: the engine stops the build when the connection drops
            }
        }
    }
}
