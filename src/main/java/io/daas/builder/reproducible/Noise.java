package io.daas.builder.reproducible;

/**
 * Files that change on every build without meaning anything, and what normalisation does with them.
 * The list is in docs/verifiable-builds.md; keep the two the same.
 */
final class Noise {

    /** What happens to an entry. */
    enum Action {
        KEEP,
        DROP,
        EMPTY
    }

    private Noise() {}

    /** Package managers' download caches: what they hold is recorded with the download time. */
    private static final java.util.List<String> CACHES =
            java.util.List.of("/.npm/_cacache", "/.npm/_logs", "/.cache/pip", "/tmp/node-compile-cache");

    static Action actionFor(String path, boolean regularFile) {
        String rooted = "/" + path;
        for (String cache : CACHES) {
            if (rooted.contains(cache + "/") || rooted.endsWith(cache)) {
                return Action.DROP;
            }
        }
        if (!regularFile) {
            return Action.KEEP;
        }
        // ldconfig's cache of library mtimes; ldconfig rebuilds it when missing.
        if (path.equals("var/cache/ldconfig/aux-cache")) {
            return Action.DROP;
        }
        // apt and dpkg write times and durations into their logs; the files stay, empty.
        if (path.startsWith("var/log/")) {
            return Action.EMPTY;
        }
        return Action.KEEP;
    }
}
