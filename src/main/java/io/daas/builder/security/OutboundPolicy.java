package io.daas.builder.security;

import io.daas.builder.config.RegistryProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where the service may send requests of its own (Walrus, registries, webhooks). A host is resolved
 * and every address it resolves to must be allowed: link-local and cloud metadata addresses never
 * are; loopback and private ranges only when OUTBOUND_ALLOW_LOOPBACK / OUTBOUND_ALLOW_PRIVATE say so.
 * Call it before each connection, and again for each redirect.
 */
@Component
public class OutboundPolicy {

    /** Resolves a host name to its addresses (DNS in production; a table in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLoopback;
    private final boolean allowPrivate;
    private final Resolver resolver;
    /** The operator's REGISTRY_URL as host[:port], lower-case, or "" when none is set. */
    private String configuredRegistry = "";

    @Autowired
    OutboundPolicy(SecurityProperties properties, RegistryProperties registry) {
        this(properties.outboundAllowLoopback(), properties.outboundAllowPrivate(), InetAddress::getAllByName);
        this.configuredRegistry = registryAddress(registry.url());
    }

    public OutboundPolicy(boolean allowLoopback, boolean allowPrivate, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /**
     * Checks an http(s) URL: scheme, no user info, and its host as {@link #checkHost}.
     *
     * @return the allowed addresses of the host; connect to one of these to avoid a second lookup
     * @throws OutboundRefusedException saying why
     */
    public List<InetAddress> checkUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new OutboundRefusedException("Only http and https URLs are allowed, not '" + url.getScheme() + "'");
        }
        if (url.getRawUserInfo() != null) {
            throw new OutboundRefusedException("URLs with user info (user@host) are not allowed");
        }
        if (url.getHost() == null) {
            // java.net.URI finds no host in 127.1 or 0x7f.1: say what the authority is, if it is that
            String authority = url.getRawAuthority() == null ? "" : url.getRawAuthority();
            String host = authority.replaceFirst(":[0-9]*$", "");
            if (!host.isEmpty() && unusualIpv4Form(host) != null) {
                checkHost(host);
            }
            throw new OutboundRefusedException("The URL names no host");
        }
        return checkHost(url.getHost());
    }

    /**
     * Checks the registry a request names ({@code host} and {@code port}, or null): the registry set
     * as REGISTRY_URL always passes, at exactly that host and port (the operator chose it, loopback
     * or not); any other as {@link #checkHost}.
     */
    public void checkRegistry(String host, String port) {
        String address = (host + (port == null ? "" : ":" + port)).toLowerCase(Locale.ROOT);
        if (!configuredRegistry.isEmpty() && configuredRegistry.equals(address)) {
            return;
        }
        checkHost(host);
    }

    private static String registryAddress(String url) {
        String u = url == null ? "" : url.strip().toLowerCase(Locale.ROOT);
        u = u.startsWith("https://") ? u.substring(8) : u.startsWith("http://") ? u.substring(7) : u;
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /**
     * Checks a host name or IP literal (IPv6 with or without brackets): it must resolve, and every
     * address must be allowed.
     *
     * @return the allowed addresses
     * @throws OutboundRefusedException saying why
     */
    public List<InetAddress> checkHost(String host) {
        if (host == null || host.isBlank() || host.length() > 253) {
            throw new OutboundRefusedException("The host name is empty or too long");
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String odd = unusualIpv4Form(h);
        if (odd != null) {
            throw new OutboundRefusedException("Host '" + host + "' is an IPv4 address in " + odd + " form, which"
                    + " programs read differently (0177.0.0.1 is 127.0.0.1 to some, 177.0.0.1 to others); write it"
                    + " as four decimal numbers without leading zeros, like 93.184.216.34");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(h);
        } catch (UnknownHostException | SecurityException e) {
            throw new OutboundRefusedException("Host '" + host + "' cannot be resolved");
        }
        if (addresses == null || addresses.length == 0) {
            throw new OutboundRefusedException("Host '" + host + "' cannot be resolved");
        }
        for (InetAddress a : addresses) {
            check(host, a);
        }
        return Arrays.asList(addresses);
    }

    /**
     * What is unusual about a host written as a number other than the four-decimal dotted form: "octal"
     * (a part with a leading zero: 0177.0.0.1), "hexadecimal" (0x7f.1), "single-number" (2130706433) or
     * "short" (127.1); null for a name or a plain a.b.c.d address.
     */
    static String unusualIpv4Form(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = h.split("\\.", -1);
        for (String part : parts) {
            if (!part.matches("[0-9]+|0[xX][0-9a-fA-F]*")) {
                return null; // a name (or IPv6): DNS and the address checks judge it
            }
        }
        for (String part : parts) {
            if (part.length() > 1 && (part.charAt(1) == 'x' || part.charAt(1) == 'X')) {
                return "hexadecimal";
            }
        }
        for (String part : parts) {
            if (part.length() > 1 && part.charAt(0) == '0') {
                return "octal";
            }
        }
        if (parts.length == 1) {
            return "single-number";
        }
        if (parts.length < 4) {
            return "short";
        }
        if (parts.length > 4 || h.length() != host.length()) {
            return "non-standard";
        }
        for (String part : parts) {
            if (part.length() > 3 || Integer.parseInt(part) > 255) {
                return "out-of-range";
            }
        }
        return null;
    }

    /** Whether a connection to this address is allowed. */
    public boolean allows(InetAddress address) {
        return switch (AddressClass.of(address)) {
            case PUBLIC -> true;
            case LOOPBACK -> allowLoopback;
            case PRIVATE -> allowPrivate;
            case LINK_LOCAL, METADATA, RESERVED -> false;
        };
    }

    private void check(String host, InetAddress address) {
        if (allows(address)) {
            return;
        }
        AddressClass kind = AddressClass.of(address);
        String what = "Requests to '" + host + "' (" + address.getHostAddress() + ", "
                + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + ") are refused";
        throw new OutboundRefusedException(
                switch (kind) {
                    case LOOPBACK -> what + "; set OUTBOUND_ALLOW_LOOPBACK=true to allow loopback addresses";
                    case PRIVATE -> what + "; set OUTBOUND_ALLOW_PRIVATE=true to allow private ranges";
                    default -> what + ": link-local, metadata and reserved addresses are never allowed";
                });
    }
}
