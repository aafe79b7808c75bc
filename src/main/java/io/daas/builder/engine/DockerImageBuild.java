package io.daas.builder.engine;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A build the engine is running: follows its output stream; wait for its image, or stop it. */
final class DockerImageBuild implements RunningImageBuild {

    /** How long a killed step's engine must keep answering before the kill is put down to memory. */
    private static final Duration KILLED_STEP_CHECK = Duration.ofSeconds(3);

    private final DockerEngine engine;
    private final ObjectMapper json;
    private final LineAssembler lines;
    private final Long memoryLimit;
    private final Integer pidsLimit;
    private final Consumer<Boolean> onEnd;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile StepDiskWatch disk;
    private volatile String limitError;
    private volatile boolean forkRefused;
    private volatile DockerHttpClient.Response response;
    private volatile Closeable upload;
    private volatile boolean stopped;
    private volatile String imageId;
    private volatile String error;
    private volatile String contextError;
    private volatile Throwable failure;

    /**
     * @param memoryLimit memory of each step, or null, to explain a killed step
     * @param pidsLimit processes of the build's steps, or null, to explain a refused fork
     * @param onEnd told once, when the build has ended whatever way, whether it was stopped
     */
    DockerImageBuild(
            DockerEngine engine,
            ObjectMapper json,
            Consumer<BuildLogLine> logs,
            Long memoryLimit,
            Integer pidsLimit,
            Consumer<Boolean> onEnd) {
        this.engine = engine;
        this.json = json;
        this.memoryLimit = memoryLimit;
        this.pidsLimit = pidsLimit;
        this.onEnd = onEnd;
        this.lines = new LineAssembler(line -> {
            StepDiskWatch watch = disk;
            if (watch != null) {
                watch.onLine(line.text());
            }
            if (!forkRefused && line.text().contains("Resource temporarily unavailable")) {
                forkRefused = true; // EAGAIN from fork(): busybox "can't fork", bash "fork: retry", ...
            }
            logs.accept(line);
        });
    }

    /** Follows the build's steps with {@code watch} (or none) until the build ends. */
    void watchDisk(StepDiskWatch watch) {
        this.disk = watch;
    }

    /** A step went past a limit: the build is stopped and fails with {@code message}. */
    void limitExceeded(String message) {
        if (limitError == null) {
            limitError = message;
        }
        stop();
    }

    /**
     * Waits until the engine ends the build.
     *
     * @throws TimeoutException when it is still running after {@code timeout}; it is not stopped
     * @throws ImageBuildFailedException with the engine's message when the build failed
     * @throws EngineUnavailableException when the engine stopped answering
     */
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
        if (error != null) {
            if (error.contains("returned a non-zero code: 137") && !engine.staysUp(KILLED_STEP_CHECK)) {
                // A step killed (SIGKILL) because the engine itself is stopping, not for memory.
                throw new EngineUnavailableException(
                        "Docker engine at " + engine.host() + " stopped during the build (" + error
                                + "); start it again, then retry the build",
                        null);
            }
            throw new ImageBuildFailedException(explain(error));
        }
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
            if (stopped) {
                return;
            }
            if (answer.getStatusCode() != 200) {
                error = engineMessage(answer.getBody().readNBytes(8192));
                return;
            }
            new EngineMessages(answer.getBody(), json, new EngineMessages.Handler() {
                        @Override
                        public void message(JsonNode message) {
                            onMessage(message);
                        }

                        @Override
                        public void streamText(CharSequence piece) {
                            lines.accept(piece);
                        }

                        @Override
                        public void dropped(long bytes) {
                            lines.flush();
                            lines.accept("[daas] an engine message of " + bytes + " bytes was dropped (past "
                                    + EngineMessages.MAX_MESSAGE_BYTES + ")\n");
                        }
                    })
                    .readAll();
            lines.flush();
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
            StepDiskWatch watch = disk;
            if (watch != null) {
                watch.settle(10_000);
                watch.close();
            }
            try {
                onEnd.accept(stopped);
            } finally {
                done.countDown();
            }
        }
    }

    private void onMessage(JsonNode message) {
        JsonNode stream = message.get("stream");
        if (stream != null) {
            lines.accept(stream.asString());
        }
        JsonNode status = message.get("status");
        if (status != null) {
            lines.accept(status.asString() + "\n");
        }
        JsonNode aux = message.path("aux").get("ID");
        if (aux != null) {
            imageId = aux.asString();
        }
        JsonNode detail = message.path("errorDetail").get("message");
        JsonNode plain = message.get("error");
        if (detail != null || plain != null) {
            error = detail != null ? detail.asString() : plain.asString();
            lines.flush();
            lines.accept(error + "\n");
        }
    }

    private String engineMessage(byte[] answer) {
        String body = new String(answer, StandardCharsets.UTF_8).trim();
        try {
            JsonNode node = json.readTree(body);
            if (node.hasNonNull("message")) {
                return node.get("message").asString();
            }
        } catch (RuntimeException e) {
            // not JSON: use the text
        }
        return body;
    }

    private String explain(String message) {
        if (pidsLimit != null && forkRefused) {
            return message + " (a step could not start a process: the steps of a build may run at most " + pidsLimit
                    + " processes and threads at once, BUILD_PIDS_LIMIT)";
        }
        if (memoryLimit != null && message.contains("returned a non-zero code: 137")) {
            return message + " (the step was killed: it most likely ran out of memory; each step may use "
                    + memoryLimit / (1024 * 1024) + " MiB, BUILD_MEMORY_LIMIT)";
        }
        return message;
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
