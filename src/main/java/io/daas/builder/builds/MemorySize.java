package io.daas.builder.builds;

import java.util.Locale;

/** Reads sizes the way Docker writes them: 512m, 2g, 1024k, or plain bytes. */
public final class MemorySize {

    private MemorySize() {}

    /** Bytes for a size like {@code 2g}; null for a blank value (no limit). */
    public static Long parse(String value) {
        if (value == null || value.isBlank() || value.equals("0")) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT).replaceAll("b$", "");
        long factor = switch (v.charAt(v.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String digits = factor == 1 ? v : v.substring(0, v.length() - 1);
        try {
            return Long.parseLong(digits) * factor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a size: use a number with k, m or g, like 2g");
        }
    }
}
