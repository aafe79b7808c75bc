package io.daas.builder.plan;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.ImageLabels;
import io.daas.builder.config.FetchSettings;
import io.daas.builder.config.RegistryProperties;
import io.daas.builder.detect.DetectionSettings;
import io.daas.builder.dockerfile.DockerfileRefusedException;
import io.daas.builder.dockerfile.FetchContext;
import io.daas.builder.dockerfile.FetchContext.LocalImage;
import io.daas.builder.dockerfile.FetchPolicy;
import io.daas.builder.dockerfile.FetchRules;
import io.daas.builder.engine.ImageEngine;
import io.daas.builder.registry.PushTarget;
import io.daas.builder.registry.TenantNamespaces;
import io.daas.builder.security.OutboundPolicy;
import io.daas.builder.security.OutboundRefusedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The fetch policy as this service applies it to a build: the settings (ALLOWED_BASE_REGISTRIES,
 * ALLOW_ADD_URL, BASE_IMAGE_MIRROR, BASE_IMAGES, REGISTRY_URL), the outbound policy for hosts, the
 * build's tenant and build args, the builds on record and the engine's local images.
 */
@Component
public class BuildFetchPolicy {

    private final FetchPolicy policy;
    private final TenantNamespaces namespaces;
    private final BuildRepository builds;
    private final ImageEngine engine;
    private final List<String> baseRepositories;

    BuildFetchPolicy(
            FetchSettings settings,
            RegistryProperties registry,
            DetectionSettings detection,
            OutboundPolicy outbound,
            TenantNamespaces namespaces,
            BuildRepository builds,
            ImageEngine engine) {
        this.namespaces = namespaces;
        this.builds = builds;
        this.engine = engine;
        this.baseRepositories = baseRepositories(detection);
        this.policy = new FetchPolicy(new FetchRules(
                new HashSet<>(settings.allowedBaseRegistries()),
                settings.allowAddUrl(),
                baseRepositories,
                registry.hasUrl() ? PushTarget.host(registry.url()) : null,
                (host, forAdd) -> refusal(outbound, host, forAdd)));
    }

    /** The repositories of the mirror and of BASE_IMAGES: always allowed as bases, never pushed to by tenants. */
    static List<String> baseRepositories(DetectionSettings detection) {
        List<String> repositories = new ArrayList<>();
        if (detection.baseImageMirror() != null) {
            repositories.add(detection.baseImageMirror());
        }
        repositories.addAll(detection.baseImageOverrides().values());
        return repositories;
    }

    /** The normalised repository prefixes a tenant may not push to (the base images'). */
    public List<String> protectedRepositories() {
        return policy.rules().trustedRepositories();
    }

    /**
     * Checks the Dockerfile a build will use.
     *
     * @throws DockerfileRefusedException naming each refused line and its rule
     */
    void verify(ResolvedDockerfile dockerfile, Build build) {
        String tenant = build.tenant() == null ? "" : build.tenant();
        FetchContext context = new FetchContext(
                tenant,
                build.options().buildArgs(),
                path -> namespaces.mayRead(tenant, path),
                id -> builds.find(id).map(b -> b.tenant() == null ? "" : b.tenant()),
                reference -> engine.localImage(reference)
                        .map(i -> new LocalImage(i.labels().get(ImageLabels.BUILD_ID), i.onBuild())));
        policy.verify(dockerfile.path(), dockerfile.text(), context);
    }

    /**
     * Why a host may not be fetched from. A registry name that does not resolve here reaches nothing
     * through this check's eyes and is left to the engine (its pull fails); an ADD host must resolve.
     */
    private static Optional<String> refusal(OutboundPolicy outbound, String host, boolean forAdd) {
        if (!forAdd) {
            try {
                InetAddress.getAllByName(host);
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        }
        try {
            outbound.checkHost(host);
            return Optional.empty();
        } catch (OutboundRefusedException e) {
            return Optional.of(e.getMessage());
        }
    }
}
