package io.daas.builder.build;

import java.util.Locale;

/** The timed phases of a build, in order. */
public enum BuildPhase {
    FETCH,
    UNPACK,
    PLAN,
    BUILD,
    PUSH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
