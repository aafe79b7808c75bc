package io.daas.builder.config;

import java.util.Locale;

/**
 * A size as Docker writes it (512m, 2g, 1024k, 512MB or plain bytes), read once when the settings
 * are bound; 0 or blank is none (no limit).
 *
 * @param text the size as written, for messages
 * @param bytes the size in bytes, 0 for none
 */
public record ByteSize(String text, long bytes) {

    /** Bytes for a size like {@code 2g}; {@code 0} or blank is none. Throws IllegalArgumentException naming the value. */
    public static ByteSize parse(String value) {
        if (value == null || value.isBlank() || value.equals("0")) {
            return new ByteSize(value == null ? "" : value, 0);
        }
        String v = value.trim().toLowerCase(Locale.ROOT).replaceAll("b$", "");
        long factor = switch (v.charAt(v.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String digits = factor == 1 ? v : v.substring(0, v.length() - 1);
        long bytes;
        try {
            bytes = Long.parseLong(digits) * factor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a size: use a number with k, m or g, like 2g");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("'" + value + "' is negative");
        }
        return new ByteSize(value, bytes);
    }

    /** The bytes, or null when none (no limit). */
    public Long orNull() {
        return bytes == 0 ? null : bytes;
    }

    @Override
    public String toString() {
        return text;
    }
}
