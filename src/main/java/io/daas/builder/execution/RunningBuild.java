package io.daas.builder.execution;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildMeasurements;
import io.daas.builder.builds.BuildPhase;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.BuildStatusChanged;
import io.daas.builder.engine.BuiltImage;
import io.daas.builder.engine.ResourceWatch;
import io.daas.builder.logs.LiveLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * One build from submission to end, sole owner of what changes as it runs (status, step, progress,
 * phases, log, resource watch): each change is stored and replaces an immutable snapshot, read lock-free.
 */
public final class RunningBuild {

    private static final Logger log = LoggerFactory.getLogger(RunningBuild.class);
    private final BuildRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private volatile Build build;
    private volatile PhaseClock phases = PhaseClock.STOPPED;
    private volatile Long expectedSeconds;
    private volatile LiveLog buildLog;
    private volatile ResourceWatch watch;
    private StepProgress progress;

    public RunningBuild(Build build, BuildRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.build = build;
        this.repository = repository;
        this.events = events;
        this.clock = clock;
        this.progress = new StepProgress(build.progress(), build.currentStep());
    }

    /** The build's record as it is now, without a database read. */
    public Build build() {
        return build;
    }

    public String id() {
        return build.id();
    }

    /** It starts running: its log and resource watch open, with the eta's basis if one is known. */
    void open(LiveLog openLog, ResourceWatch resourceWatch, Long expected) {
        this.buildLog = openLog;
        this.watch = resourceWatch;
        this.expectedSeconds = expected;
    }

    LiveLog log() {
        return buildLog;
    }

    /** It starts running on {@code replica}, which the record names from now on. */
    synchronized void start(Instant at, String replica) {
        build = build.ranBy(replica);
        save(BuildStatus.BUILDING, null, at);
    }

    /** Ends the current phase, if any, and starts timing {@code next}, shown as {@code step}. */
    synchronized void phase(BuildPhase next, String step, int atLeast) {
        PhaseClock before = phases;
        phases = before.start(next, clock);
        if (log.isDebugEnabled()) {
            log.debug(
                    "phase {} started{}",
                    next.wireName(),
                    before.phase() == null ? "" : " (" + before.phase().wireName() + " ended)");
        }
        if (step != null) {
            step(step, atLeast);
        }
    }

    /** Shows another step, with at least the given progress, within the current phase. */
    synchronized void step(String step, int atLeast) {
        progress = progress.phase(step, atLeast);
        save(build.status(), build.error(), build.startedAt());
    }

    /** A line of the service's own: kept in the log, and read for step containers to watch. */
    void log(String line) {
        buildLog.append(line);
        watch.onLine(line);
    }

    /** A line of the engine's output: kept in the log, and read for the step and progress. */
    synchronized void engineLine(String line) {
        log(line);
        StepProgress next = progress.onLine(line);
        if (next != progress) {
            progress = next;
            save(build.status(), null, build.startedAt());
        }
    }

    /** Once the plan is known: an earlier build of the same plan is the basis, if the bundle gave none. */
    void expectIfUnknown(Supplier<Optional<Long>> seconds) {
        if (expectedSeconds == null) {
            expectedSeconds = seconds.get().orElse(null);
        }
    }

    synchronized void succeed(BuiltImage image, String tag) {
        progress = progress.phase("Build completed", 0);
        endWithImage(BuildStatus.SUCCESS, 100, null, image, tag);
    }

    /** The image was built but its requested push failed: the build fails and keeps its image. */
    synchronized void failPush(BuiltImage image, String tag, String error) {
        progress = progress.phase("Push failed", 0);
        endWithImage(BuildStatus.FAILED, progress.progress(), error, image, tag);
    }

    synchronized void end(BuildStatus status, String error, String step) {
        if (build.status().isFinal()) {
            return;
        }
        String current = step != null ? step : status == BuildStatus.CANCELLED ? "Cancelled" : progress.currentStep();
        change(
                status,
                progress.progress(),
                current,
                error,
                null,
                build.imageTag(),
                build.startedAt(),
                Instant.now(clock));
    }

    /** Gives the build back to the queue, pending on no replica: {@code replica} is stopping. Its log stays. */
    synchronized void handBack(String replica) {
        if (!build.status().isFinal()) {
            progress = new StepProgress(0, "Queued (handed back by replica " + replica + ", which is stopping)");
            build = build.ranBy(null);
            change(BuildStatus.PENDING, 0, progress.currentStep(), null, null, build.imageTag(), null, null);
        }
    }

    /** Stops the phase clock and the resource watch: the build has ended. */
    synchronized void stop() {
        phases = phases.stopped(clock);
        ResourceWatch w = watch;
        if (w != null) {
            w.close();
        }
    }

    /** What the build cost: so far while it runs, all of it once stopped and its log closed. */
    BuildMeasurements figures() {
        LiveLog l = buildLog;
        ResourceWatch w = watch;
        return new BuildMeasurements(
                phases.byName(clock),
                w == null ? null : w.peakMemoryBytes(),
                w == null ? null : w.peakCpuPercent(),
                expectedSeconds,
                l == null ? 0 : l.bytes(),
                l != null && l.truncated());
    }

    private void endWithImage(BuildStatus status, int progressNow, String error, BuiltImage image, String tag) {
        change(status, progressNow, progress.currentStep(), error, image, tag, build.startedAt(), clock.instant());
    }

    private void save(BuildStatus status, String error, Instant startedAt) {
        change(status, progress.progress(), progress.currentStep(), error, null, build.imageTag(), startedAt, null);
    }

    /** Replaces the snapshot, stores it and tells the listeners when the status changed. */
    private void change(
            BuildStatus status,
            int progressNow,
            String step,
            String error,
            BuiltImage image,
            String tag,
            Instant startedAt,
            Instant endedAt) {
        BuildStatus previous = build.status();
        String imageId = image == null ? null : image.imageId();
        Long size = image == null ? null : image.size();
        build = build.with(status, progressNow, step, error, imageId, tag, size, startedAt, endedAt);
        repository.update(build);
        if (previous != build.status()) {
            BuildEventsOut.publish(events, new BuildStatusChanged(build, previous));
        }
    }
}
