package io.daas.builder.builds;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a build's push is: requested and waiting for the image, pushing, pushed, failed, or skipped. */
public enum PushStatus {
    PENDING,
    PUSHING,
    PUSHED,
    FAILED,
    SKIPPED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PushStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
