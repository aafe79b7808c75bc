package io.daas.builder.builds;

import java.util.Locale;

/** The timed phases of a build, in order. */
public enum BuildPhase {
    FETCH,
    UNPACK,
    PLAN,
    BUILD,
    PUSH;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}
