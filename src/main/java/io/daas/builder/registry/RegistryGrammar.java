package io.daas.builder.registry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution reference grammar for a registry host and the path components of a repository,
 * in one place for the request's checks and the push target alike. See
 * https://github.com/distribution/reference/blob/main/reference.go
 */
public final class RegistryGrammar {

    // domain-component: [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9], joined by dots; IPv6 in brackets.
    private static final Pattern HOST_PORT = Pattern.compile(
            "((?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(?:\\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*"
                    + "|\\[[0-9A-Fa-f:.]+\\])(?::([0-9]{1,5}))?");
    // path-component: [a-z0-9]+ (separator [a-z0-9]+)*, separator: [_.] | __ | [-]+
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

    private RegistryGrammar() {}

    /** A registry host and its port as written ({@code null} when none). */
    public record HostPort(String host, String port) {

        /** Whether the port, if any, is one a socket can have (1 to 65535). */
        public boolean portInRange() {
            if (port == null) {
                return true;
            }
            int p = Integer.parseInt(port);
            return p >= 1 && p <= 65535;
        }
    }

    /** The host and port of {@code hostPort} (no scheme, no path), or empty when the grammar refuses it. */
    public static Optional<HostPort> hostPort(String hostPort) {
        Matcher m = HOST_PORT.matcher(hostPort);
        if (hostPort.length() > 255 || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new HostPort(m.group(1), m.group(2)));
    }

    /** Whether {@code part} is one path component: lower-case letters and digits with separators inside. */
    public static boolean isPathComponent(String part) {
        return COMPONENT.matcher(part).matches();
    }
}
