package io.daas.builder.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What builds may fetch through the engine, bound in application.yml. Kept apart from
 * {@link BuilderProperties}, as {@link RegistryProperties} is (see docs/decisions.md).
 *
 * @param allowedBaseRegistries registries FROM images may come from ({@code ALLOWED_BASE_REGISTRIES}, comma
 *     separated; {@code docker.io} is Docker Hub); BASE_IMAGE_MIRROR and BASE_IMAGES are always allowed
 * @param allowAddUrl whether {@code ADD <url>} may fetch, and then only from hosts the outbound policy allows
 *     ({@code ALLOW_ADD_URL}, default false)
 */
@ConfigurationProperties("builder.fetch")
public record FetchSettings(
        @DefaultValue({"docker.io", "gcr.io", "ghcr.io", "quay.io", "mcr.microsoft.com", "public.ecr.aws"})
        List<String> allowedBaseRegistries,

        @DefaultValue("false") boolean allowAddUrl) {

    public FetchSettings {
        allowedBaseRegistries = allowedBaseRegistries == null
                ? List.of()
                : allowedBaseRegistries.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
