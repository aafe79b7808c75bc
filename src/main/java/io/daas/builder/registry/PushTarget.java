package io.daas.builder.registry;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an image goes: {@code <registry>/<namespace>/<repository>:<tag>}, with the credentials to
 * push it. The parts follow the distribution spec's naming rules
 * (https://github.com/distribution/distribution/blob/main/docs/spec/api.md#overview).
 *
 * @param registry host and optional port, like registry.example.com or 127.0.0.1:5000
 * @param namespace path before the repository name, like daas or team/apps
 * @param repository the repository name, like daas-app
 * @param tag the tag, like the build id
 * @param credentials who pushes, or anonymous
 */
public record PushTarget(
        String registry, String namespace, String repository, String tag, RegistryCredentials credentials) {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /**
     * Checks each part and returns the target; the registry may be given as a URL
     * ({@code https://registry.example.com/}), whose scheme and trailing slash are dropped.
     *
     * @throws InvalidPushTargetException naming the field that is wrong
     */
    public static PushTarget of(
            String registry, String namespace, String repository, String tag, RegistryCredentials credentials) {
        String host = host(registry);
        if (!RegistryGrammar.hostPort(host)
                .filter(RegistryGrammar.HostPort::portInRange)
                .isPresent()) {
            throw new InvalidPushTargetException("registry.url must be a registry host with an optional port, like"
                    + " registry.example.com or 127.0.0.1:5000");
        }
        String ns = namespace.toLowerCase(Locale.ROOT);
        for (String part : ns.split("/", -1)) {
            if (!RegistryGrammar.isPathComponent(part)) {
                throw new InvalidPushTargetException("registry.namespace must be lower-case letters, digits and"
                        + " separators (. _ -), optionally with '/', like daas or team/apps");
            }
        }
        if (!RegistryGrammar.isPathComponent(repository)) {
            throw new InvalidPushTargetException(
                    "repository must be lower-case letters, digits and separators (. _ -), like daas-app");
        }
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidPushTargetException(
                    "tag must be at most 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
        }
        return new PushTarget(host, ns, repository, tag, credentials);
    }

    /** The registry host of a URL or host given by a user: no scheme, no trailing slash. */
    public static String host(String url) {
        String h = url.strip();
        if (h.startsWith("https://")) {
            h = h.substring("https://".length());
        } else if (h.startsWith("http://")) {
            h = h.substring("http://".length());
        }
        while (h.endsWith("/")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /** The repository without the tag, like 127.0.0.1:5000/daas/daas-app. */
    public String repositoryReference() {
        return registry + "/" + namespace + "/" + repository;
    }

    /** The full reference, like 127.0.0.1:5000/daas/daas-app:ID. */
    public String reference() {
        return repositoryReference() + ":" + tag;
    }

    @Override
    public String toString() {
        return "PushTarget[" + reference() + ", " + credentials + "]";
    }
}
