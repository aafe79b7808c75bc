package io.daas.builder.execution;

import io.daas.builder.builds.BuildOptions;
import io.daas.builder.builds.BuildPhase;
import io.daas.builder.builds.BuildWorkspace;
import io.daas.builder.builds.ImageLabels;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.engine.BuiltImage;
import io.daas.builder.engine.ImageBuildFailedException;
import io.daas.builder.engine.ImageBuildSpec;
import io.daas.builder.engine.ImageEngine;
import io.daas.builder.engine.RunningImageBuild;
import io.daas.builder.security.SecretSanitiser;
import io.daas.builder.verify.VerifiableSteps;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Builds the image on the engine within what is left of BUILD_TIMEOUT, every output line (secrets
 * masked) into the build's log and progress; checks MAX_IMAGE_SIZE, then normalises a reproducible
 * image and records its SBOM.
 */
@Component
class ImageBuildStep {

    private final BuilderProperties properties;
    private final ImageEngine engine;
    private final VerifiableSteps verifiable;

    ImageBuildStep(BuilderProperties properties, ImageEngine engine, VerifiableSteps verifiable) {
        this.properties = properties;
        this.engine = engine;
        this.verifiable = verifiable;
    }

    /** What the image build needs besides the plan: where, since when, how to mask and stop it. */
    record Run(BuildWorkspace workspace, Instant started, SecretSanitiser secrets, Cancellation cancellation) {}

    BuiltImage run(RunningBuild running, PlanStep.Planned planned, Run run)
            throws InterruptedException, TimeoutException {
        ImageBuildSpec spec = spec(running, planned);
        running.phase(BuildPhase.BUILD, "Sending build context to the engine", StepProgress.CONTEXT_SENT);
        RunningImageBuild engineBuild =
                engine.startBuild(spec, line -> running.engineLine(run.secrets().clean(line.text())));
        run.cancellation().started(engineBuild);
        Duration left =
                Duration.ofSeconds(properties.buildTimeout()).minus(Duration.between(run.started(), Instant.now()));
        if (left.isNegative() || left.isZero()) {
            throw new TimeoutException();
        }
        BuiltImage image = engineBuild.await(left);
        checkImageSize(image, spec.tag());
        VerifiableSteps.Prepared prepared = planned.prepared();
        image = verifiable.normalise(
                running.build(),
                prepared,
                spec.tag(),
                image,
                run.workspace().dir().resolve("image"),
                running::log);
        verifiable.recordSbom(running.build(), prepared, spec.tag(), image, planned.context(), running::log);
        return image;
    }

    private void checkImageSize(BuiltImage image, String tag) {
        Long max = properties.maxImageSize().orNull();
        if (max != null && image.size() > max) {
            engine.removeImage(tag);
            throw new ImageBuildFailedException("The image is " + image.size() + " bytes, more than the limit of " + max
                    + " bytes (MAX_IMAGE_SIZE); use a smaller base image or a multi-stage Dockerfile");
        }
    }

    private ImageBuildSpec spec(RunningBuild running, PlanStep.Planned planned) {
        VerifiableSteps.Prepared prepared = planned.prepared();
        BuildOptions options = running.build().options();
        Map<String, String> labels = new HashMap<>(options.labels());
        // The request's own spelling of the wallet label gives way to the checked, lower-cased wallet.
        labels.keySet().removeIf(key -> key.equalsIgnoreCase(ImageLabels.WALLET));
        // A reproducible image carries no per-build label (its provenance names the build).
        if (!prepared.reproducible()) {
            labels.put(ImageLabels.BUILD_ID, running.id());
        }
        if (running.build().walletAddress() != null && !prepared.reproducible()) {
            labels.put(ImageLabels.WALLET, running.build().walletAddress());
        }
        Long maxContext = properties.maxContextSize().orNull();
        return new ImageBuildSpec(
                planned.context(),
                planned.dockerfile().path(),
                ImageLabels.IMAGE_REPOSITORY + ":" + running.id(),
                prepared.buildArgs(options.buildArgs()),
                labels,
                options.target(),
                options.platform(),
                properties.buildNetwork(),
                properties.buildMemoryLimit().orNull(),
                properties.buildCpuLimit() > 0 ? properties.buildCpuLimit() : null,
                maxContext == null ? 0 : maxContext,
                // A cached layer keeps the file times of the build that made it: reproducible builds start fresh.
                options.noCache() || prepared.reproducible(),
                properties.steps().pidsLimit() > 0 ? properties.steps().pidsLimit() : null,
                properties.steps().diskLimit().orNull());
    }
}
