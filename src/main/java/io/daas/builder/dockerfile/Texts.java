package io.daas.builder.dockerfile;

/** Small text helpers of the policy's messages. */
final class Texts {

    private static final int MAX_SHOWN = 200;

    private Texts() {}

    /** The text, cut to a length fit for an error message. */
    static String shorten(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    /** A host without its port and brackets: {@code [::1]:5000} is {@code ::1}. */
    static String hostOnly(String hostAndPort) {
        String h = hostAndPort;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(1, end) : h;
        }
        int colon = h.lastIndexOf(':');
        return colon > 0 && h.indexOf(':') == colon ? h.substring(0, colon) : h;
    }
}
