package io.daas.builder.execution;

import io.daas.builder.builds.BuildPhase;
import io.daas.builder.builds.BuildWorkspace;
import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.ProjectDetector;
import io.daas.builder.plan.BuildDockerfileRepository;
import io.daas.builder.plan.BuildFetchPolicy;
import io.daas.builder.plan.DockerfileResolver;
import io.daas.builder.plan.ResolvedDockerfile;
import io.daas.builder.verify.VerifiableSteps;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Picks the Dockerfile (the request's, the bundle's, or one generated from the detected plan),
 * stores it, checks it against the fetch policy and prepares a reproducible build's pins.
 */
@Component
class PlanStep {

    /** The build context and the Dockerfile the engine gets. */
    record Planned(Path context, ResolvedDockerfile dockerfile, VerifiableSteps.Prepared prepared) {}

    private final DockerfileResolver dockerfiles;
    private final BuildDockerfileRepository stored;
    private final VerifiableSteps verifiable;
    private final BuildTracker tracker;

    PlanStep(
            ProjectDetector detector,
            BuildFetchPolicy fetchPolicy,
            BuildDockerfileRepository stored,
            VerifiableSteps verifiable,
            BuildTracker tracker) {
        this.dockerfiles = new DockerfileResolver(detector, fetchPolicy);
        this.stored = stored;
        this.verifiable = verifiable;
        this.tracker = tracker;
    }

    Planned run(RunningBuild running, Path archive, BuildWorkspace workspace) {
        running.phase(BuildPhase.PLAN, "Planning", 3);
        ResolvedDockerfile chosen =
                dockerfiles.resolve(workspace.context(), running.build().options());
        stored.save(running.id(), chosen);
        dockerfiles.verify(chosen, running.build());
        Path context = workspace.context().resolve(chosen.contextDir());
        // Pinning may pull a base image: only once the fetch policy has allowed the Dockerfile.
        VerifiableSteps.Prepared prepared = verifiable.prepare(running.build(), archive, context, chosen, running::log);
        ResolvedDockerfile resolved = prepared.dockerfile();
        if (resolved != chosen) {
            stored.save(running.id(), resolved);
        }
        tracker.planned(running);
        if (resolved.plan() != null) {
            running.log("No Dockerfile in the bundle: generated one for " + describe(resolved.plan())
                    + " (GET /api/docker/build/" + running.id() + "/dockerfile shows it)");
        }
        return new Planned(context, resolved, prepared);
    }

    private static String describe(BuildPlan plan) {
        StringBuilder b = new StringBuilder(plan.language());
        if (plan.framework() != null) {
            b.append(" (").append(plan.framework()).append(")");
        }
        if (plan.packageManager() != null) {
            b.append(" with ").append(plan.packageManager());
        }
        return b.toString();
    }
}
