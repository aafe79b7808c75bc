package io.daas.builder.dockerfile;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an {@code ADD} may fetch. The engine fetches URLs itself, on its host's network and outside
 * BUILD_NETWORK, so URL and git sources are refused unless ALLOW_ADD_URL is set, and then only to
 * hosts the outbound policy allows. A source that a variable the Dockerfile does not set could turn
 * into a URL is refused too: its target cannot be known before the build.
 */
final class SourceRule {

    private static final List<String> REMOTE_PREFIXES = List.of("http://", "https://", "git://", "git@", "ssh://");

    private final FetchRules rules;

    SourceRule(FetchRules rules) {
        this.rules = rules;
    }

    Optional<Refusal> check(int line, String what, ShellWord.Expansion source) {
        if (!source.complete()) {
            String prefix = source.knownPrefix().toLowerCase(Locale.ROOT);
            if (couldBeRemote(prefix)) {
                return Optional.of(new Refusal(
                        line,
                        "ADD URL",
                        what + " " + Texts.shorten(source.value()) + " uses a variable that this"
                                + " Dockerfile does not set (it may come from the base image), so what it fetches"
                                + " cannot be checked; write the source literally"));
            }
            return Optional.empty();
        }
        String value = source.value();
        if (!isRemote(value.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String shown = what + " " + Texts.shorten(value);
        if (!rules.allowAddUrl()) {
            return Optional.of(new Refusal(
                    line,
                    "ADD URL",
                    shown + " would be fetched by the engine itself, on its host's network;"
                            + " ADD of URLs and git sources is off (ALLOW_ADD_URL): put the file in the bundle,"
                            + " or download it in a RUN step"));
        }
        Optional<String> host = host(value);
        if (host.isEmpty()) {
            return Optional.of(new Refusal(
                    line,
                    "ADD URL",
                    shown + " is not an http(s) URL with a host; with ALLOW_ADD_URL only http and"
                            + " https URLs may be fetched"));
        }
        return rules.hosts()
                .refusal(host.get(), true)
                .map(why -> new Refusal(line, "outbound policy", shown + ": " + why));
    }

    private static boolean isRemote(String lower) {
        return lower.contains("://") || REMOTE_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    private static boolean couldBeRemote(String lowerPrefix) {
        return isRemote(lowerPrefix) || REMOTE_PREFIXES.stream().anyMatch(p -> p.startsWith(lowerPrefix));
    }

    /** The host of an http(s) URL, or empty for anything else (git sources included). */
    private static Optional<String> host(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https"))
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            String h = uri.getHost();
            return Optional.of(h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
