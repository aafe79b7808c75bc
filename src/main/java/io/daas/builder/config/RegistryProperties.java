package io.daas.builder.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The default registry, used when a push names no registry of its own, bound in application.yml.
 * Kept apart from {@link BuilderProperties} so its password has one small home with a masked
 * {@link #toString()} (see docs/decisions.md).
 *
 * @param url registry host and optional port ({@code REGISTRY_URL}); blank: no default registry
 * @param username user for the default registry ({@code REGISTRY_USERNAME}); blank: anonymous
 * @param password password for the default registry ({@code REGISTRY_PASSWORD})
 * @param namespace namespace when a request names none ({@code REGISTRY_NAMESPACE}, default daas)
 * @param pushTimeout seconds a push may take before it counts as unreachable ({@code PUSH_TIMEOUT})
 */
@ConfigurationProperties("builder.registry")
public record RegistryProperties(
        @DefaultValue("") String url,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("daas") String namespace,
        @DefaultValue("600") long pushTimeout) {

    public boolean hasUrl() {
        return url != null && !url.isBlank();
    }

    public boolean hasCredentials() {
        return username != null && !username.isBlank();
    }

    @Override
    public String toString() {
        return "RegistryProperties[url=" + url + ", username=" + username + ", password=***, namespace=" + namespace
                + ", pushTimeout=" + pushTimeout + "]";
    }
}
