package io.daas.builder.detect;

/** A language or toolchain version and where it came from (a file, or "default"). */
public record VersionChoice(String value, String source) {

    public static VersionChoice defaulted(String value) {
        return new VersionChoice(value, "default");
    }

    /** True when version line a ("1.25") is newer than b. */
    public static boolean newer(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return major != 0 ? major > 0 : Integer.parseInt(x[1]) > Integer.parseInt(y[1]);
    }
}
