package io.daas.builder.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What builds may fetch, from the settings: the registries base images may come from
 * (ALLOWED_BASE_REGISTRIES), whether {@code ADD} may fetch URLs (ALLOW_ADD_URL), the repositories
 * the operator named for base images (BASE_IMAGE_MIRROR, BASE_IMAGES), the default registry
 * (REGISTRY_URL) and the outbound policy for hosts.
 *
 * @param allowedRegistries registry hosts, lower case ({@code docker.io} for Docker Hub)
 * @param allowAddUrl whether {@code ADD <url>} may fetch, from hosts the outbound policy allows
 * @param trustedRepositories normalised repository prefixes that are always allowed (the mirror, BASE_IMAGES)
 * @param defaultRegistry host of REGISTRY_URL, lower case, or null
 * @param hosts says why a host may not be reached, if it may not
 */
public record FetchRules(
        Set<String> allowedRegistries,
        boolean allowAddUrl,
        List<String> trustedRepositories,
        String defaultRegistry,
        HostCheck hosts) {

    /** The registries of ALLOWED_BASE_REGISTRIES when it is not set. */
    public static final List<String> PUBLIC_REGISTRIES =
            List.of("docker.io", "gcr.io", "ghcr.io", "quay.io", "mcr.microsoft.com", "public.ecr.aws");

    /** Says whether a host may be fetched from. */
    @FunctionalInterface
    public interface HostCheck {
        /** Why the host (no port) may not be reached, or empty when it may. */
        Optional<String> refusal(String host, boolean forAdd);
    }

    public FetchRules {
        allowedRegistries = allowedRegistries.stream()
                .map(FetchRules::registryHost)
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        trustedRepositories = trustedRepositories.stream()
                .map(FetchRules::repositoryPrefix)
                .flatMap(Optional::stream)
                .toList();
        defaultRegistry = defaultRegistry == null || defaultRegistry.isBlank() ? null : registryHost(defaultRegistry);
    }

    /** A registry as a user writes it ({@code https://Quay.io/}, {@code index.docker.io}) as the engine names it. */
    public static String registryHost(String registry) {
        String h = registry.strip().toLowerCase(Locale.ROOT);
        h = h.replaceFirst("^https?://", "");
        while (h.endsWith("/")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.equals("index.docker.io") || h.equals("registry-1.docker.io") ? ImageName.DOCKER_HUB : h;
    }

    /**
     * An image or prefix from the settings ({@code 127.0.0.1:5000/mirror}, {@code node:22-slim},
     * {@code mirror.example.com}) as a normalised repository prefix; a bare host covers the host.
     */
    static Optional<String> repositoryPrefix(String image) {
        String s = image == null ? "" : image.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (!s.contains("/") && (s.contains(".") || s.startsWith("localhost") || s.startsWith("["))) {
            return Optional.of(registryHost(s)); // a host alone, like mirror.example.com:5000
        }
        return ImageName.parse(s).map(ImageName::repository);
    }
}
