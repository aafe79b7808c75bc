package io.daas.builder.api;

import io.daas.builder.errors.InvalidRequest;
import io.daas.builder.registry.RegistryGrammar;
import io.daas.builder.security.OutboundPolicy;
import io.daas.builder.security.OutboundRefusedException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks the {@code registry} of a request: {@code url} is a host with an optional port by the
 * distribution spec's reference grammar (a scheme and trailing slash are tolerated), allowed by the
 * outbound policy (REGISTRY_URL itself always is); {@code namespace} is path components of that grammar. See
 * https://github.com/distribution/reference/blob/main/reference.go
 */
final class RegistryRules {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}]");

    private RegistryRules() {}

    static void check(BuildRequestBody.Registry registry, OutboundPolicy policy) {
        if (registry == null) {
            return;
        }
        if (registry.url() != null) {
            url(registry.url(), policy);
        }
        if (registry.namespace() != null) {
            namespace(registry.namespace());
        }
        secret("registry.username", registry.username(), 256);
        secret("registry.password", registry.password(), 8192);
    }

    private static void url(String url, OutboundPolicy policy) {
        String hostPort = url;
        if (hostPort.startsWith("https://")) {
            hostPort = hostPort.substring("https://".length());
        } else if (hostPort.startsWith("http://")) {
            hostPort = hostPort.substring("http://".length());
        }
        if (hostPort.endsWith("/")) {
            hostPort = hostPort.substring(0, hostPort.length() - 1);
        }
        RegistryGrammar.HostPort m = RegistryGrammar.hostPort(hostPort)
                .orElseThrow(() -> new InvalidRequest("registry.url must be a registry host with an optional port,"
                        + " like registry.example.com or registry.example.com:5000 (no path, user or query)"));
        if (!m.portInRange()) {
            throw new InvalidRequest("registry.url port must be between 1 and 65535");
        }
        try {
            policy.checkRegistry(m.host().toLowerCase(Locale.ROOT), m.port());
        } catch (OutboundRefusedException e) {
            throw new InvalidRequest("registry.url is refused: " + e.getMessage());
        }
    }

    private static void namespace(String namespace) {
        if (namespace.length() > 255) {
            throw new InvalidRequest("registry.namespace must be at most 255 characters");
        }
        for (String part : namespace.toLowerCase(Locale.ROOT).split("/", -1)) {
            if (!RegistryGrammar.isPathComponent(part)) {
                throw new InvalidRequest("registry.namespace must be letters, digits and"
                        + " separators (. _ __ -) in components joined by '/', like daas or team/apps");
            }
        }
    }

    /** Credentials are never echoed; they only have to be plain text of a sane length. */
    private static void secret(String field, String value, int max) {
        if (value != null
                && (value.isEmpty()
                        || value.length() > max
                        || CONTROL.matcher(value).find())) {
            throw new InvalidRequest(field + " must be 1 to " + max + " characters without control characters");
        }
    }
}
