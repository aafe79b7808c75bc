package io.daas.builder.lifecycle;

import io.daas.builder.builds.BuildWorkspace;
import io.daas.builder.bundle.BundleExtractor;
import io.daas.builder.bundle.BundleId;
import io.daas.builder.bundle.BundleNotFoundException;
import io.daas.builder.bundle.BundleOwners;
import io.daas.builder.bundle.BundleResolver;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.ProjectConfig;
import io.daas.builder.detect.ProjectDetector;
import io.daas.builder.errors.NotFound;
import io.daas.builder.plan.BuildDockerfileRepository;
import io.daas.builder.plan.DockerfileResolver;
import io.daas.builder.plan.ResolvedDockerfile;
import io.daas.builder.security.Caller;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Plans without building: what a bundle is and the Dockerfile it would get; and what a build used. */
@Service
public class PlanService {

    private final BundleResolver bundles;
    private final BundleExtractor extractor;
    private final ProjectDetector detector;
    private final BuilderProperties properties;
    private final BuildDockerfileRepository dockerfiles;
    private final BuildService builds;
    private final Map<String, BuildPlan> recent = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BuildPlan> eldest) {
            return size() > KEPT_PLANS;
        }
    });

    /** Plans kept for repeated requests (a plan is a few KB). */
    static final int KEPT_PLANS = 256;

    PlanService(
            BundleResolver bundles,
            BundleExtractor extractor,
            ProjectDetector detector,
            BuilderProperties properties,
            BuildDockerfileRepository dockerfiles,
            BuildService builds) {
        this.bundles = bundles;
        this.extractor = extractor;
        this.detector = detector;
        this.properties = properties;
        this.dockerfiles = dockerfiles;
        this.builds = builds;
    }

    /**
     * Unpacks the bundle in a folder of its own, detects, and removes the folder. A digest the
     * caller's tenant never uploaded is not found.
     */
    public BuildPlan plan(String bundleId, Caller caller, BundleOwners owners) {
        return plan(bundleId, caller, owners, ProjectConfig.none());
    }

    /** As {@link #plan(String, Caller, BundleOwners)}, with the overrides of the request's buildOptions. */
    public BuildPlan plan(String bundleId, Caller caller, BundleOwners owners, ProjectConfig overrides) {
        BundleId id = BundleId.parse(bundleId);
        if (!owners.mayUse(id, caller)) {
            throw new BundleNotFoundException(id);
        }
        // A bundle id is the digest of its content and detection is pure: the same bundle and
        // overrides always give the same plan, so a plan is kept (after the tenant check above).
        String key = id + "\u0000" + overrides.canonical();
        BuildPlan known = recent.get(key);
        if (known != null) {
            return known;
        }
        Path archive = bundles.fetch(id);
        try (BuildWorkspace workspace = new BuildWorkspace(properties.buildDir(), "plan-" + UUID.randomUUID())) {
            extractor.extract(archive, workspace.context());
            BuildPlan plan = DockerfileResolver.plan(detector, workspace.context(), overrides);
            recent.put(key, plan);
            return plan;
        }
    }

    /** The Dockerfile a build used; 404 until the build has chosen one. */
    public ResolvedDockerfile dockerfileOf(String buildId, Caller caller) {
        builds.get(buildId, caller);
        return dockerfiles.find(buildId).orElseThrow(() -> new DockerfileNotChosenException(buildId));
    }

    /** The build has not reached the point where its Dockerfile is chosen. */
    public static class DockerfileNotChosenException extends NotFound {
        DockerfileNotChosenException(String buildId) {
            super("Build " + buildId + " has no Dockerfile yet: it is chosen once the bundle is unpacked; try again"
                    + " when the build is building");
        }
    }
}
