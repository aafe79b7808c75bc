package io.daas.builder.security;

import java.util.Locale;

/** What a token may do: a user sees its own tenant's builds and bundles, an admin sees all. */
public enum Role {
    USER,
    ADMIN;

    static Role parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "user" -> USER;
            case "admin" -> ADMIN;
            default -> throw new IllegalArgumentException("role must be user or admin, not '" + value + "'");
        };
    }
}
