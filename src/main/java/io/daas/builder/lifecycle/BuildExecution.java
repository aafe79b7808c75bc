package io.daas.builder.lifecycle;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.builds.BuildPhase;
import io.daas.builder.builds.BuildProgress;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildState;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.BuildWorkspace;
import io.daas.builder.builds.ImageLabels;
import io.daas.builder.builds.SecretsNotKeptException;
import io.daas.builder.bundle.BundleExtractor;
import io.daas.builder.bundle.BundleId;
import io.daas.builder.bundle.BundleNotFoundException;
import io.daas.builder.bundle.BundleResolver;
import io.daas.builder.bundle.BundleTooLargeException;
import io.daas.builder.bundle.BundleUnavailableException;
import io.daas.builder.bundle.InvalidBundleException;
import io.daas.builder.detect.DetectionSettings;
import io.daas.builder.dockerfile.DockerfileRefusedException;
import io.daas.builder.engine.BuiltImage;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.engine.ImageBuildFailedException;
import io.daas.builder.engine.ImageBuildSpec;
import io.daas.builder.engine.ImageEngine;
import io.daas.builder.engine.RunningImageBuild;
import io.daas.builder.plan.BuildDockerfileRepository;
import io.daas.builder.plan.DockerfileResolver;
import io.daas.builder.plan.ResolvedDockerfile;
import io.daas.builder.push.PushService;
import io.daas.builder.security.SecretSanitiser;
import io.daas.builder.verify.VerifiableSteps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drives one build through its phases: unpack, build on the engine, record the outcome. */
final class BuildExecution implements Runnable {

    static final String IMAGE_REPOSITORY = ImageLabels.IMAGE_REPOSITORY;
    private static final Logger log = LoggerFactory.getLogger(BuildExecution.class);

    private final BuildState state;
    private final BuildExecutionContext ctx;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile RunningImageBuild running;
    private volatile boolean cancelRequested;
    private volatile SecretSanitiser secrets = SecretSanitiser.NONE;

    BuildExecution(Build build, BuildExecutionContext ctx) {
        this.state = new BuildState(build, ctx.repository(), ctx.tracker().events());
        this.ctx = ctx;
    }

    String buildId() {
        return state.id();
    }

    /** The build's record as it is now, without a database read. */
    Build snapshot() {
        return state.build();
    }

    /** Asks the build to stop; it ends as cancelled. */
    void cancel() {
        cancelRequested = true;
        RunningImageBuild current = running;
        if (current != null) {
            current.stop();
        }
    }

    /** Ends a build that never started: it was cancelled while it waited. */
    void cancelWaiting() {
        cancelRequested = true;
        state.end(BuildStatus.CANCELLED, "Build cancelled", "Cancelled while queued");
        ctx.tracker().endedWithoutRunning(state.build());
        ended.countDown();
    }

    /** Waits until the build has ended, at most {@code timeout}. */
    void awaitEnd(Duration timeout) {
        try {
            ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try (TrackedBuild track = ctx.tracker().begin(state)) {
            execute(track);
        } finally {
            ended.countDown();
        }
    }

    private void execute(TrackedBuild track) {
        if (cancelRequested) {
            state.end(BuildStatus.CANCELLED, "Build cancelled", null);
            ctx.pushes().release(state.id());
            return;
        }
        Instant started = Instant.now();
        state.start(started);
        secrets = ctx.pushes().sanitiserFor(state.build());
        try (BuildWorkspace workspace = new BuildWorkspace(ctx.properties().buildDir(), state.id())) {
            SecretsNotKeptException.check(state.build().options());
            String cacheKey = BuildCacheKey.of(state.build(), ctx.detection());
            ctx.repository().setCacheKey(state.id(), cacheKey);
            String tag = IMAGE_REPOSITORY + ":" + state.id();
            if (reuseIdenticalBuild(cacheKey, tag, track)) {
                return;
            }
            state.phase("Fetching bundle", 1);
            track.phase(BuildPhase.FETCH);
            Path archive = ctx.bundles().fetch(BundleId.parse(state.build().bundleId()));
            state.phase("Unpacking bundle", 2);
            track.phase(BuildPhase.UNPACK);
            ctx.extractor().extract(archive, workspace.context());
            state.phase("Planning", 3);
            track.phase(BuildPhase.PLAN);
            ResolvedDockerfile chosen =
                    ctx.dockerfiles().resolve(workspace.context(), state.build().options());
            ctx.dockerfileRepository().save(state.id(), chosen);
            ctx.dockerfiles().verify(chosen, state.build());
            Path context = workspace.context().resolve(chosen.contextDir());
            // Pinning may pull a base image: only once the fetch policy has allowed the Dockerfile.
            VerifiableSteps.Prepared prepared =
                    ctx.verifiable().prepare(state.build(), archive, context, chosen, track::log);
            ResolvedDockerfile resolved = prepared.dockerfile();
            if (resolved != chosen) {
                ctx.dockerfileRepository().save(state.id(), resolved);
            }
            ctx.tracker().planned(track);
            if (resolved.plan() != null) {
                track.log("No Dockerfile in the bundle: generated one for " + describe(resolved.plan())
                        + " (GET /api/docker/build/" + state.id() + "/dockerfile shows it)");
            }
            ImageBuildSpec spec = spec(context, resolved.path(), prepared);
            state.phase("Sending build context to the engine", BuildProgress.CONTEXT_SENT);
            track.phase(BuildPhase.BUILD);
            running = ctx.engine().startBuild(spec, line -> {
                String text = secrets.clean(line.text());
                track.log(text);
                state.onLogLine(text);
            });
            if (cancelRequested) {
                running.stop();
            }
            Duration left =
                    Duration.ofSeconds(ctx.properties().buildTimeout()).minus(Duration.between(started, Instant.now()));
            BuiltImage image = awaitImage(left);
            checkImageSize(image, spec.tag());
            image = ctx.verifiable()
                    .normalise(
                            state.build(),
                            prepared,
                            spec.tag(),
                            image,
                            workspace.dir().resolve("image"),
                            track::log);
            ctx.verifiable().recordSbom(state.build(), prepared, spec.tag(), image, context, track::log);
            track.phase(BuildPhase.PUSH);
            if (ctx.pushes().pushAfterBuild(state, image, spec.tag())) {
                ctx.verifiable().attest(state.build(), image, spec.tag());
                state.succeed(image, spec.tag());
            }
        } catch (ImageBuildFailedException e) {
            endFailed(e.getMessage());
        } catch (TimeoutException e) {
            running.stop();
            state.end(
                    BuildStatus.FAILED,
                    "Build timed out after " + ctx.properties().buildTimeout() + " s",
                    null);
        } catch (EngineUnavailableException
                | InvalidBundleException
                | BundleNotFoundException
                | BundleTooLargeException
                | BundleUnavailableException
                | SecretsNotKeptException
                | DockerfileRefusedException e) {
            endFailed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly();
            state.end(BuildStatus.FAILED, BuildService.RESTART_MESSAGE, null);
        } catch (RuntimeException e) {
            log.error("build {} failed unexpectedly", state.id(), e);
            stopQuietly();
            endFailed("internal error: " + e.getMessage());
        }
        ctx.pushes().release(state.id());
    }

    /** Success at once with the image of an identical earlier build, when that image is still there. */
    private boolean reuseIdenticalBuild(String cacheKey, String tag, TrackedBuild track) {
        if (!ctx.properties().reuseIdenticalBuilds() || state.build().options().noCache()) {
            return false;
        }
        Optional<Build> earlier = ctx.repository().findReusable(cacheKey);
        if (earlier.isEmpty() || !ctx.engine().hasImage(earlier.get().imageId())) {
            return false;
        }
        Build source = earlier.get();
        ctx.engine().tag(source.imageId(), tag);
        track.log("Reusing the image of identical build " + source.id() + " (" + source.imageId()
                + "); set buildOptions.noCache to build again");
        BuiltImage reused = new BuiltImage(source.imageId(), source.size() == null ? 0 : source.size());
        ctx.verifiable().reuse(state.build(), source);
        if (ctx.pushes().pushAfterBuild(state, reused, tag)) {
            ctx.verifiable().attest(state.build(), reused, tag);
            state.succeed(reused, tag);
        }
        return true;
    }

    private void checkImageSize(BuiltImage image, String tag) {
        Long max = ctx.properties().maxImageSize().orNull();
        if (max != null && image.size() > max) {
            ctx.engine().removeImage(tag);
            throw new ImageBuildFailedException("The image is " + image.size() + " bytes, more than the limit of " + max
                    + " bytes (MAX_IMAGE_SIZE); use a smaller base image or a multi-stage Dockerfile");
        }
    }

    private BuiltImage awaitImage(Duration left) throws InterruptedException, TimeoutException {
        if (left.isNegative() || left.isZero()) {
            throw new TimeoutException();
        }
        return running.await(left);
    }

    private void endFailed(String message) {
        if (cancelRequested) {
            state.end(BuildStatus.CANCELLED, "Build cancelled", null);
        } else {
            state.end(BuildStatus.FAILED, secrets.clean(message), null);
        }
    }

    private void stopQuietly() {
        RunningImageBuild current = running;
        if (current != null) {
            current.stop();
        }
    }

    private static String describe(io.daas.builder.detect.BuildPlan plan) {
        StringBuilder b = new StringBuilder(plan.language());
        if (plan.framework() != null) {
            b.append(" (").append(plan.framework()).append(")");
        }
        if (plan.packageManager() != null) {
            b.append(" with ").append(plan.packageManager());
        }
        return b.toString();
    }

    private ImageBuildSpec spec(Path context, String dockerfile, VerifiableSteps.Prepared prepared) {
        BuildOptions options = state.build().options();
        Map<String, String> labels = new HashMap<>(options.labels());
        // The request's own spelling of the wallet label gives way to the checked, lower-cased wallet.
        labels.keySet().removeIf(key -> key.equalsIgnoreCase(ImageLabels.WALLET));
        // A reproducible image carries no per-build label (its provenance names the build).
        if (!prepared.reproducible()) {
            labels.put(ImageLabels.BUILD_ID, state.id());
        }
        if (state.build().walletAddress() != null && !prepared.reproducible()) {
            labels.put(ImageLabels.WALLET, state.build().walletAddress());
        }
        return new ImageBuildSpec(
                context,
                dockerfile,
                IMAGE_REPOSITORY + ":" + state.id(),
                prepared.buildArgs(options.buildArgs()),
                labels,
                options.target(),
                options.platform(),
                ctx.properties().buildNetwork(),
                ctx.properties().buildMemoryLimit().orNull(),
                ctx.properties().buildCpuLimit() > 0 ? ctx.properties().buildCpuLimit() : null,
                maxContextBytes(),
                // A cached layer keeps the file times of the build that made it: reproducible builds start fresh.
                options.noCache() || prepared.reproducible(),
                ctx.properties().steps().pidsLimit() > 0
                        ? ctx.properties().steps().pidsLimit()
                        : null,
                ctx.properties().steps().diskLimit().orNull());
    }

    private long maxContextBytes() {
        Long max = ctx.properties().maxContextSize().orNull();
        return max == null ? 0 : max;
    }

    /** The collaborators every execution uses. */
    record BuildExecutionContext(
            io.daas.builder.config.BuilderProperties properties,
            BuildRepository repository,
            BundleResolver bundles,
            BundleExtractor extractor,
            ImageEngine engine,
            DockerfileResolver dockerfiles,
            BuildDockerfileRepository dockerfileRepository,
            DetectionSettings detection,
            PushService pushes,
            BuildTracker tracker,
            VerifiableSteps verifiable) {}
}
