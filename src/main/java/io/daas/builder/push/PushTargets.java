package io.daas.builder.push;

import io.daas.builder.config.RegistryProperties;
import io.daas.builder.dockerfile.FetchRules;
import io.daas.builder.registry.InvalidPushTargetException;
import io.daas.builder.registry.PushForbiddenException;
import io.daas.builder.registry.PushTarget;
import io.daas.builder.registry.RegistryCredentials;
import io.daas.builder.registry.RegistryHosts;
import io.daas.builder.registry.TenantNamespaces;
import io.daas.builder.security.Caller;
import java.util.List;

/** Turns a push request into a target, filling in what it leaves out from the REGISTRY_* defaults. */
final class PushTargets {

    static final String DEFAULT_REPOSITORY = "daas-app";

    private final RegistryProperties defaults;
    private final TenantNamespaces namespaces;
    private final List<String> protectedRepositories;

    PushTargets(RegistryProperties defaults, TenantNamespaces namespaces, List<String> protectedRepositories) {
        this.defaults = defaults;
        this.namespaces = namespaces;
        this.protectedRepositories = List.copyOf(protectedRepositories);
    }

    /** Targets for the open local mode and tests: no partition, nothing protected. */
    PushTargets(RegistryProperties defaults) {
        this(defaults, new TenantNamespaces(defaults.namespace(), false), List.of());
    }

    /** A target and where its credentials come from. */
    record Resolved(PushTarget target, CredentialSource source) {}

    /**
     * The target of a push of {@code buildId}: the request's registry or REGISTRY_URL, namespace or
     * REGISTRY_NAMESPACE, repository or daas-app, tag or the build id.
     *
     * On the default registry a tenant's push lands in its own namespace ({@link TenantNamespaces}); a
     * tenant may push neither into another namespace there nor over the base images.
     *
     * @throws InvalidPushTargetException naming the field that is missing or wrong
     * @throws PushForbiddenException when the caller may not push there
     */
    Resolved resolve(String buildId, PushRequest request, Caller caller) {
        PushRequest r = request == null ? PushRequest.defaults() : request;
        if (isBlank(r.url()) && !defaults.hasUrl()) {
            throw new InvalidPushTargetException(
                    "registry.url is required: name a registry, or set REGISTRY_URL for a default one");
        }
        String url = isBlank(r.url()) ? defaults.url() : r.url();
        boolean defaultRegistry =
                defaults.hasUrl() && RegistryHosts.same(PushTarget.host(url), PushTarget.host(defaults.url()));
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
        boolean partitioned = defaultRegistry && namespaces.partitioned() && !caller.isAdmin();
        String namespace = isBlank(r.namespace())
                ? partitioned ? namespaces.namespaceOf(caller.tenant()) : defaults.namespace()
                : r.namespace();
        PushTarget target = PushTarget.of(
                url,
                namespace,
                isBlank(r.repository()) ? DEFAULT_REPOSITORY : r.repository(),
                isBlank(r.tag()) ? buildId : r.tag(),
                credentials);
        if (partitioned && !namespaces.mayRead(caller.tenant(), target.namespace())) {
            throw new PushForbiddenException("registry.namespace '" + target.namespace() + "' is not yours: on the"
                    + " default registry (REGISTRY_URL) your images go under '"
                    + namespaces.namespaceOf(caller.tenant())
                    + "'; leave registry.namespace out, or name that namespace or one below it");
        }
        if (!caller.isAdmin() && isProtected(target)) {
            throw new PushForbiddenException("The repository " + target.registry() + "/" + target.namespace() + "/"
                    + target.repository() + " holds the base images of generated Dockerfiles (BASE_IMAGE_MIRROR,"
                    + " BASE_IMAGES) and is read-only to tenants; push somewhere else");
        }
        return new Resolved(target, source);
    }

    /** Whether the target is a base-image repository, on that registry under any of its names. */
    private boolean isProtected(PushTarget target) {
        String path = target.namespace() + "/" + target.repository();
        for (String p : protectedRepositories) {
            int slash = p.indexOf('/');
            String host = slash < 0 ? p : p.substring(0, slash);
            String prefix = slash < 0 ? "" : p.substring(slash + 1);
            boolean samePath = prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
            if (samePath && RegistryHosts.same(FetchRules.registryHost(target.registry()), host)) {
                return true;
            }
        }
        return false;
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
