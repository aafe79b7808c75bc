package io.daas.builder.execution;

import io.daas.builder.builds.BuildPhase;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.BuildWorkspace;
import io.daas.builder.builds.ImageLabels;
import io.daas.builder.builds.SecretsNotKeptException;
import io.daas.builder.bundle.BundleNotFoundException;
import io.daas.builder.bundle.BundleTooLargeException;
import io.daas.builder.bundle.BundleUnavailableException;
import io.daas.builder.bundle.InvalidBundleException;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.dockerfile.DockerfileRefusedException;
import io.daas.builder.engine.BuiltImage;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.engine.ImageBuildFailedException;
import io.daas.builder.push.PushService;
import io.daas.builder.security.SecretSanitiser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a build's steps in order (reuse, or fetch, unpack, plan, build; then push) and turns how
 * they end into the build's end: the one place where a step's failure becomes a status and error.
 */
@Component
class StepsRunner {

    static final String RESTART_MESSAGE = "interrupted by service restart";
    private static final Logger log = LoggerFactory.getLogger(StepsRunner.class);

    private final BuilderProperties properties;
    private final PushService pushes;
    private final ReuseStep reuse;
    private final FetchStep fetch;
    private final UnpackStep unpack;
    private final PlanStep plan;
    private final ImageBuildStep imageBuild;
    private final PushStep push;
    private final Clock clock;

    StepsRunner(
            BuilderProperties properties,
            PushService pushes,
            ReuseStep reuse,
            FetchStep fetch,
            UnpackStep unpack,
            PlanStep plan,
            ImageBuildStep imageBuild,
            PushStep push) {
        this.properties = properties;
        this.pushes = pushes;
        this.reuse = reuse;
        this.fetch = fetch;
        this.unpack = unpack;
        this.plan = plan;
        this.imageBuild = imageBuild;
        this.push = push;
        this.clock = Clock.systemUTC();
    }

    /** Runs the build's steps; {@code slotGivenAt} (or now, when null) is its start time. */
    void run(RunningBuild running, Cancellation cancellation, Instant slotGivenAt) {
        if (cancellation.requested()) {
            endCancelled(running, cancellation);
            return;
        }
        Instant started = slotGivenAt != null ? slotGivenAt : clock.instant();
        running.start(started, properties.replica().name());
        SecretSanitiser secrets = pushes.sanitiserFor(running.build());
        String tag = ImageLabels.IMAGE_REPOSITORY + ":" + running.id();
        try (BuildWorkspace workspace = new BuildWorkspace(properties.buildDir(), running.id())) {
            SecretsNotKeptException.check(running.build().options());
            Optional<BuiltImage> reused = reuse.run(running, tag);
            BuiltImage image;
            if (reused.isPresent()) {
                image = reused.get();
            } else {
                Path archive = fetch.run(running);
                unpack.run(running, archive, workspace);
                PlanStep.Planned planned = plan.run(running, archive, workspace);
                image = imageBuild.run(
                        running, planned, new ImageBuildStep.Run(workspace, started, secrets, cancellation));
                running.phase(BuildPhase.PUSH, null, 0);
            }
            push.run(running, image, tag);
        } catch (TimeoutException e) {
            cancellation.stopEngine();
            running.end(BuildStatus.FAILED, "Build timed out after " + properties.buildTimeout() + " s", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellation.stopEngine();
            running.end(BuildStatus.FAILED, RESTART_MESSAGE, null);
        } catch (RuntimeException e) {
            if (!expected(e)) {
                log.error("build {} failed unexpectedly", running.id(), e);
                cancellation.stopEngine();
            }
            String message = expected(e) ? e.getMessage() : "internal error: " + e.getMessage();
            if (cancellation.handedBackBy() != null) {
                running.handBack(cancellation.handedBackBy());
                return;
            } else if (cancellation.requested()) {
                running.end(BuildStatus.CANCELLED, "Build cancelled", null);
            } else {
                running.end(BuildStatus.FAILED, secrets.clean(message), null);
            }
        }
        pushes.release(running.id());
    }

    /** A build stopped before it started: cancelled, or handed back (its push credentials still held). */
    private void endCancelled(RunningBuild running, Cancellation cancellation) {
        if (cancellation.handedBackBy() != null) {
            running.handBack(cancellation.handedBackBy());
            return;
        }
        running.end(BuildStatus.CANCELLED, "Build cancelled", null);
        pushes.release(running.id());
    }

    /** A failure the build's own input or the engine explains: its message is the build's error as it is. */
    private static boolean expected(RuntimeException e) {
        return e instanceof ImageBuildFailedException
                || e instanceof EngineUnavailableException
                || e instanceof InvalidBundleException
                || e instanceof BundleNotFoundException
                || e instanceof BundleTooLargeException
                || e instanceof BundleUnavailableException
                || e instanceof SecretsNotKeptException
                || e instanceof DockerfileRefusedException;
    }
}
