package io.daas.builder.push;

import java.util.Locale;

/**
 * Where a push's credentials come from; stored instead of the credentials themselves, so a queued
 * push knows after a restart whether it can still get them.
 */
enum CredentialSource {
    /** Anonymous push: nothing to keep. */
    NONE,
    /** Given with the request: held in memory only, lost on restart. */
    REQUEST,
    /** REGISTRY_USERNAME and REGISTRY_PASSWORD: read again from the environment. */
    DEFAULT;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CredentialSource fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
