package io.daas.builder.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The service's own meters, in one place so every package records the same names. Exported at
 * {@code /actuator/prometheus} as {@code daas_*}.
 */
@Component
public class BuilderMetrics {

    private final MeterRegistry registry;
    private final Counter started;
    private final Counter walrusBytes;
    private final Timer push;

    BuilderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder("daas.builds.started")
                .description("Builds that started running")
                .register(registry);
        this.walrusBytes = Counter.builder("daas.walrus.downloaded")
                .baseUnit("bytes")
                .description("Bundle bytes downloaded from Walrus")
                .register(registry);
        this.push = Timer.builder("daas.push.duration")
                .description("Time to push an image to its registry")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Counts bytes downloaded from Walrus: {@code metrics.walrusBytesDownloaded().increment(n)}. */
    public Counter walrusBytesDownloaded() {
        return walrusBytes;
    }

    /** Times image pushes: {@code metrics.pushDuration().record(duration)}. */
    public Timer pushDuration() {
        return push;
    }

    public void buildStarted() {
        started.increment();
    }

    /** Counts a build that ended with {@code status} and records how long it ran. */
    public void buildFinished(String status, Duration duration) {
        Counter.builder("daas.builds.finished")
                .description("Builds that ended, by final status")
                .tag("status", status)
                .register(registry)
                .increment();
        if (duration != null) {
            Timer.builder("daas.build.duration")
                    .description("Time from start to end of a build, by final status")
                    .tag("status", status)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(duration);
        }
    }

    /** Records how long one phase (fetch, unpack, plan, build, push) of a build took. */
    public void phase(String phase, Duration duration) {
        Timer.builder("daas.build.phase.duration")
                .description("Time a build spent in a phase")
                .tag("phase", phase)
                .publishPercentileHistogram()
                .register(registry)
                .record(duration);
    }

    /** Registers a gauge read when metrics are scraped, like the number of queued builds. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }
}
