package io.daas.builder.build;

import io.daas.builder.config.RegistryProperties;
import io.daas.builder.registry.InvalidPushTargetException;
import io.daas.builder.registry.PushTarget;
import io.daas.builder.registry.RegistryCredentials;

/** Turns a push request into a target, filling in what it leaves out from the REGISTRY_* defaults. */
final class PushTargets {

    static final String DEFAULT_REPOSITORY = "daas-app";

    private final RegistryProperties defaults;

    PushTargets(RegistryProperties defaults) {
        this.defaults = defaults;
    }

    /** A target and where its credentials come from. */
    record Resolved(PushTarget target, CredentialSource source) {}

    /**
     * The target of a push of {@code buildId}: the request's registry or REGISTRY_URL, namespace or
     * REGISTRY_NAMESPACE, repository or daas-app, tag or the build id.
     *
     * @throws InvalidPushTargetException naming the field that is missing or wrong
     */
    Resolved resolve(String buildId, PushRequest request) {
        PushRequest r = request == null ? PushRequest.defaults() : request;
        if (isBlank(r.url()) && !defaults.hasUrl()) {
            throw new InvalidPushTargetException(
                    "registry.url is required: name a registry, or set REGISTRY_URL for a default one");
        }
        String url = isBlank(r.url()) ? defaults.url() : r.url();
        boolean defaultRegistry = defaults.hasUrl() && PushTarget.host(url).equals(PushTarget.host(defaults.url()));
        RegistryCredentials credentials;
        CredentialSource source;
        if (!isBlank(r.username()) || !isEmpty(r.password())) {
            if (isBlank(r.username())) {
                throw new InvalidPushTargetException("registry.username is required when registry.password is given");
            }
            if (isEmpty(r.password())) {
                throw new InvalidPushTargetException("registry.password is required when registry.username is given");
            }
            credentials = new RegistryCredentials(r.username(), r.password());
            source = CredentialSource.REQUEST;
        } else if (defaultRegistry && defaults.hasCredentials()) {
            // REGISTRY_USERNAME/PASSWORD go only to REGISTRY_URL, never to a registry a request names.
            credentials = defaultCredentials();
            source = CredentialSource.DEFAULT;
        } else {
            credentials = RegistryCredentials.anonymous();
            source = CredentialSource.NONE;
        }
        PushTarget target = PushTarget.of(
                url,
                isBlank(r.namespace()) ? defaults.namespace() : r.namespace(),
                isBlank(r.repository()) ? DEFAULT_REPOSITORY : r.repository(),
                isBlank(r.tag()) ? buildId : r.tag(),
                credentials);
        return new Resolved(target, source);
    }

    /** REGISTRY_USERNAME and REGISTRY_PASSWORD, or null when they are not set. */
    RegistryCredentials defaultCredentials() {
        return defaults.hasCredentials() ? new RegistryCredentials(defaults.username(), defaults.password()) : null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
