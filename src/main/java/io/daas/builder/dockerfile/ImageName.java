package io.daas.builder.dockerfile;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference normalised as the engine reads it (distribution/reference
 * ParseNormalizedNamed): {@code busybox} is {@code docker.io/library/busybox}, a first part with a
 * dot, a colon, upper case or {@code localhost} is a registry host.
 *
 * @param host the registry host (and port), lower case; {@code docker.io} for Docker Hub
 * @param path the repository path under the host, like {@code library/busybox}
 * @param tag the tag, or null
 * @param digest the digest, or null
 */
public record ImageName(String host, String path, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
                    + "(?::[0-9]+)?|\\[[0-9A-Fa-f:.]+\\](?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    /** What the engine may read as (a prefix of) a local image id instead of a name. */
    private static final Pattern IMAGE_ID = Pattern.compile("[0-9a-f]{1,64}|sha(?:256|384|512):[0-9a-fA-F]{32,}");

    /** Whether the engine may take this text as a local image id or id prefix ({@code 4f2a}, {@code sha256:...}). */
    public static boolean looksLikeImageId(String reference) {
        Matcher m = IMAGE_ID.matcher(reference);
        return m.matches();
    }

    /** The normalised name, or empty when the engine would not accept it as an image reference. */
    public static Optional<ImageName> parse(String reference) {
        if (reference == null || reference.isEmpty() || reference.length() > 1024) {
            return Optional.empty();
        }
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                return Optional.empty();
            }
        }
        String host;
        int slash = rest.indexOf('/');
        if (slash < 0) {
            host = DOCKER_HUB;
        } else {
            String first = rest.substring(0, slash);
            boolean isHost = first.contains(".")
                    || first.contains(":")
                    || first.equals("localhost")
                    || !first.toLowerCase(Locale.ROOT).equals(first);
            if (isHost) {
                host = first;
                rest = rest.substring(slash + 1);
            } else {
                host = DOCKER_HUB;
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0 && rest.indexOf('/', colon) < 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return Optional.empty();
            }
        }
        if (!HOST.matcher(host).matches() || !PATH.matcher(rest).matches()) {
            return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("index.docker.io")) {
            host = DOCKER_HUB;
        }
        if (host.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        return Optional.of(new ImageName(host, rest, tag, digest));
    }

    /** Host and path, like {@code docker.io/library/busybox} or {@code 127.0.0.1:5000/mirror/node}. */
    public String repository() {
        return host + "/" + path;
    }

    /** Whether this repository is {@code prefix} or lies below it (both normalised). */
    public boolean isUnder(String prefix) {
        String r = repository();
        return r.equals(prefix) || r.startsWith(prefix + "/");
    }
}
