package io.daas.builder.builds;

import io.daas.builder.engine.BuiltImage;
import java.time.Instant;

/** The live record of one running build; every change is written to the database. */
public final class BuildState {

    private final BuildRepository repository;
    private final BuildProgress progress;
    private final BuildEvents events;
    /** Written under this state's lock, read without it: status polls never wait on a save. */
    private volatile Build build;

    public BuildState(Build build, BuildRepository repository) {
        this(build, repository, new BuildEvents() {});
    }

    public BuildState(Build build, BuildRepository repository, BuildEvents events) {
        this.build = build;
        this.repository = repository;
        this.events = events;
        this.progress = new BuildProgress(build.progress(), build.currentStep());
    }

    public Build build() {
        return build;
    }

    public String id() {
        return build.id();
    }

    public synchronized void start(Instant at) {
        save(BuildStatus.BUILDING, null, null, null, null, at, null);
    }

    public synchronized void phase(String step, int atLeast) {
        progress.phase(step, atLeast);
        save(build.status(), build.error(), null, null, null, build.startedAt(), null);
    }

    public synchronized void onLogLine(String line) {
        if (progress.onLine(line)) {
            save(build.status(), null, null, null, null, build.startedAt(), null);
        }
    }

    public synchronized void succeed(BuiltImage image, String tag) {
        progress.phase("Build completed", 0);
        endWithImage(BuildStatus.SUCCESS, 100, null, image, tag);
    }

    /** The image was built but its requested push failed: the build fails and keeps its image. */
    public synchronized void failPush(BuiltImage image, String tag, String error) {
        progress.phase("Push failed", 0);
        endWithImage(BuildStatus.FAILED, progress.progress(), error, image, tag);
    }

    private void endWithImage(BuildStatus status, int progressNow, String error, BuiltImage image, String tag) {
        BuildStatus previous = build.status();
        build = build.with(
                status,
                progressNow,
                progress.currentStep(),
                error,
                image.imageId(),
                tag,
                image.size(),
                build.startedAt(),
                Instant.now());
        repository.update(build);
        notify(previous);
    }

    /** A build that failed only in its push was pushed later: it now counts as successful. */
    public synchronized void succeedAfterPush(String step) {
        build = build.with(
                BuildStatus.SUCCESS,
                100,
                step,
                null,
                build.imageId(),
                build.imageTag(),
                build.size(),
                build.startedAt(),
                build.endedAt());
        repository.update(build);
    }

    public synchronized void end(BuildStatus status, String error, String step) {
        if (build.status().isFinal()) {
            return;
        }
        BuildStatus previous = build.status();
        String current = step != null ? step : status == BuildStatus.CANCELLED ? "Cancelled" : progress.currentStep();
        build = build.with(
                status,
                progress.progress(),
                current,
                error,
                null,
                build.imageTag(),
                null,
                build.startedAt(),
                Instant.now());
        repository.update(build);
        notify(previous);
    }

    private void save(
            BuildStatus status,
            String error,
            String imageId,
            String tag,
            Long size,
            Instant startedAt,
            Instant endedAt) {
        BuildStatus previous = build.status();
        build = build.with(
                status,
                progress.progress(),
                progress.currentStep(),
                error,
                imageId,
                tag != null ? tag : build.imageTag(),
                size,
                startedAt,
                endedAt);
        repository.update(build);
        notify(previous);
    }

    private void notify(BuildStatus previous) {
        if (previous != build.status()) {
            events.statusChanged(build, previous);
        }
    }
}
