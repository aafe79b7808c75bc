package io.daas.builder.builds;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a build is in its life: pending and building are live, the rest are final. */
public enum BuildStatus {
    PENDING,
    BUILDING,
    SUCCESS,
    FAILED,
    CANCELLED;

    /** The lower-case name the API and the database use. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static BuildStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean isFinal() {
        return this == SUCCESS || this == FAILED || this == CANCELLED;
    }
}
