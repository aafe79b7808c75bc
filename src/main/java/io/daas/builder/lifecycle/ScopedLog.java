package io.daas.builder.lifecycle;

import io.daas.builder.builds.Build;
import io.daas.builder.logs.LogChunk;
import io.daas.builder.logs.LogStore;

/**
 * The log of one build that a {@link TenantScope} let its caller see: read it, follow it, and ask
 * for the build's status at the end. Only a scope makes one.
 */
public final class ScopedLog {

    private final String buildId;
    private final String tenant;
    private final LogStore logs;
    private final BuildService builds;

    ScopedLog(String buildId, String tenant, LogStore logs, BuildService builds) {
        this.buildId = buildId;
        this.tenant = tenant;
        this.logs = logs;
        this.builds = builds;
    }

    public String buildId() {
        return buildId;
    }

    /** The tenant of the caller that opened it (who holds the stream, not who owns the build). */
    public String tenant() {
        return tenant;
    }

    /** Up to {@code max} lines numbered above {@code after}; complete once the build ended and none follow. */
    public LogChunk read(long after, int max) {
        return logs.read(buildId, after, max);
    }

    /** Calls {@code signal} whenever the log changes; returns what stops it. */
    public Runnable follow(Runnable signal) {
        return logs.follow(buildId, signal);
    }

    /** The build as it is now. */
    public Build build() {
        return builds.get(buildId);
    }
}
