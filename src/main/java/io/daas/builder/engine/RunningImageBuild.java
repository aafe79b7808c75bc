package io.daas.builder.engine;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** A build the engine is running: wait for its image, or stop it. */
public interface RunningImageBuild {

    /**
     * Waits until the engine ends the build.
     *
     * @throws TimeoutException when it is still running after {@code timeout}; it is not stopped
     * @throws ImageBuildFailedException with the engine's message when the build failed
     * @throws EngineUnavailableException when the engine stopped answering
     */
    BuiltImage await(Duration timeout) throws InterruptedException, TimeoutException;

    /** Stops the build; the engine cancels it and removes its containers. */
    void stop();
}
