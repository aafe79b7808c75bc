package io.daas.builder.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A build the engine is running: wait for its image, or stop it. */
public final class RunningImageBuild {

    private final DockerEngine engine;
    private final BuildOutputCallback callback;

    RunningImageBuild(DockerEngine engine, BuildOutputCallback callback) {
        this.engine = engine;
        this.callback = callback;
    }

    /**
     * Waits until the engine ends the build.
     *
     * @throws TimeoutException when it is still running after {@code timeout}; it is not stopped
     * @throws ImageBuildFailedException with the engine's message when the build failed
     */
    public BuiltImage await(Duration timeout) throws InterruptedException, TimeoutException {
        if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("build still running after " + timeout.toSeconds() + " s");
        }
        if (callback.error() != null) {
            throw new ImageBuildFailedException(callback.error());
        }
        if (callback.failure() != null) {
            throw engine.unavailable(callback.failure());
        }
        if (callback.imageId() == null) {
            throw new ImageBuildFailedException("the engine ended the build without an image id");
        }
        return engine.inspect(callback.imageId());
    }

    /** Stops the build: closing the stream makes the engine cancel it and remove its containers. */
    public void stop() {
        try {
            callback.close();
        } catch (IOException e) {
            // closing is best effort; the engine also stops when the connection drops
        }
    }
}
