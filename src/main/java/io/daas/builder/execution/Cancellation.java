package io.daas.builder.execution;

import io.daas.builder.engine.RunningImageBuild;

/** A build's cancel request and the engine build it stops: dropping that connection stops the engine's work. */
final class Cancellation {

    private volatile boolean requested;
    private volatile String handedBackBy;
    private volatile RunningImageBuild engineBuild;

    /** Asks the build to stop; a running engine build is stopped at once. */
    void request() {
        requested = true;
        stopEngine();
    }

    boolean requested() {
        return requested;
    }

    /** Stops the build to give it back to the queue: {@code replica} is stopping, another runs it. */
    void handBack(String replica) {
        handedBackBy = replica;
        request();
    }

    /** The replica that handed the build back, or null. */
    String handedBackBy() {
        return handedBackBy;
    }

    /** The engine build started; stopped at once when a cancel came first. */
    void started(RunningImageBuild build) {
        engineBuild = build;
        if (requested) {
            build.stop();
        }
    }

    void stopEngine() {
        RunningImageBuild current = engineBuild;
        if (current != null) {
            current.stop();
        }
    }
}
