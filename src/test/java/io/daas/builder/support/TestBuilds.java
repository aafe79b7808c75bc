package io.daas.builder.support;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.builds.BuildStatus;
import java.time.Instant;

/** Build records for unit tests: build "b1" of bundle "bundle" by tenant "t", started at a fixed time. */
public final class TestBuilds {

    public static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");

    private TestBuilds() {}

    /** A build in this status, ended at {@link #AT} when the status is final. */
    public static Build of(BuildStatus status, int progress, String step) {
        return new Build(
                "b1",
                "bundle",
                BuildOptions.defaults(),
                status,
                progress,
                step,
                null,
                null,
                null,
                null,
                AT,
                AT,
                status.isFinal() ? AT : null,
                "t",
                null,
                null);
    }
}
