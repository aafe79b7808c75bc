package io.daas.builder.detect;

/** A language or toolchain version and where it came from (a file, or "default"). */
public record VersionChoice(String value, String source) {

    public static VersionChoice defaulted(String value) {
        return new VersionChoice(value, "default");
    }
}
