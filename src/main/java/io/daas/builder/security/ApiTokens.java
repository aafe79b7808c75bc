package io.daas.builder.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API tokens of API_TOKENS_FILE, one per line as {@code token tenant [role]} ({@code #} starts a
 * comment). Only the SHA-256 of each token is kept; a presented token is compared with every one
 * in constant time, so neither the comparison nor the position of a match shows through timing.
 */
public final class ApiTokens {

    static final int MIN_TOKEN_LENGTH = 16;
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{" + MIN_TOKEN_LENGTH + ",512}");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}");

    private record Entry(byte[] digest, Caller caller) {}

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No tokens: the service is open (and binds to loopback only). */
    public static ApiTokens none() {
        return new ApiTokens(List.of());
    }

    /** Reads a tokens file; a missing, unreadable or empty file is an error, never an open service. */
    public static ApiTokens load(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("API_TOKENS_FILE " + file + " cannot be read", e);
        }
    }

    /** Parses the lines of a tokens file; {@code source} names it in error messages. */
    static ApiTokens parse(List<String> lines, String source) {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String where = source + " line " + (i + 1);
            String[] parts = content.split("\\s+");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalStateException(where + ": expected 'token tenant [role]'");
            }
            if (!TOKEN.matcher(parts[0]).matches()) {
                throw new IllegalStateException(where + ": a token must be " + MIN_TOKEN_LENGTH
                        + " to 512 printable characters without spaces or '#'");
            }
            if (!TENANT.matcher(parts[1]).matches()) {
                throw new IllegalStateException(
                        where + ": a tenant must be letters, digits, '_', '.', ':', '@', '-' (at most 128)");
            }
            if (parts[1].equalsIgnoreCase(Caller.LOCAL_TENANT)) {
                throw new IllegalStateException(where + ": the tenant name '" + parts[1] + "' is reserved for the"
                        + " builds made without tokens (the open local mode); name the tenant otherwise");
            }
            if (!seen.add(parts[0])) {
                throw new IllegalStateException(where + ": the same token appears twice");
            }
            Role role;
            try {
                role = parts.length == 3 ? Role.parse(parts[2]) : Role.USER;
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": " + e.getMessage());
            }
            entries.add(new Entry(sha256(parts[0]), new Caller(parts[1], role)));
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException(source + " holds no token: add lines 'token tenant [role]', or unset"
                    + " API_TOKENS_FILE to run open on loopback only");
        }
        return new ApiTokens(entries);
    }

    /** Whether any token is configured (and so every non-health request needs one). */
    public boolean enabled() {
        return !entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The caller a presented token belongs to, if it is one of ours. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        Caller found = null;
        // No early exit: every entry is compared, each in constant time.
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest(), presented)) {
                found = e.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
