package io.daas.builder.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces secret values by {@code ***} in text bound for logs, build status, error messages and
 * the database. Secrets are registry passwords and the values of build args and labels whose names
 * look secret (see {@link #isSecretName}).
 *
 * <p>Immutable; build one per build or request with {@link #of} and {@link #with}.
 */
public final class SecretSanitiser {

    /** What a secret becomes. */
    public static final String MASK = "***";

    /** Masks nothing. */
    public static final SecretSanitiser NONE = new SecretSanitiser(List.of());

    // Shorter values would mask ordinary text (a build arg KEY=1 would turn "Step 1/4" into "Step ***/4").
    static final int MIN_SECRET_CHARS = 4;

    /** Found anywhere in a name, even run together with other words: NPMTOKEN, DBPASSWORD. */
    private static final List<String> SECRET_NAME_PARTS = List.of(
            "PASSWORD",
            "PASSWD",
            "PASSPHRASE",
            "TOKEN",
            "SECRET",
            "CREDENTIAL",
            "PRIVATE",
            "SESSION",
            "APIKEY",
            "ACCESSKEY");
    /** Whole words of a name (split at separators, case changes and digits) that look secret. */
    private static final Pattern SECRET_WORD = Pattern.compile(
            "PASS|PASSCODE|PASSKEY|PWD|\\w*PWD|\\w*(?<!BY|COM|SUR)PASS|KEYS?|\\w+KEY|AUTH|\\w+AUTH|AUTH[NZ]"
                    + "|AUTHORI[SZ]\\w*|CREDS?|CERTS?|CERTIFICATES?|COOKIES?");

    private static final Pattern WORD_BOUNDARY =
            Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])");

    private final List<String> secrets;

    private SecretSanitiser(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A sanitiser that masks the given values (blank and very short ones are ignored). */
    public static SecretSanitiser of(Collection<String> values) {
        List<String> kept = new ArrayList<>();
        for (String v : values) {
            if (v != null && v.strip().length() >= MIN_SECRET_CHARS && !v.equals(MASK) && !kept.contains(v)) {
                kept.add(v);
            }
        }
        // longest first, so a secret that contains another is masked whole
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretSanitiser(List.copyOf(kept));
    }

    /** A sanitiser for the secret-looking entries of the given maps (build args, labels). */
    @SafeVarargs
    public static SecretSanitiser forEntries(Map<String, String>... maps) {
        List<String> values = new ArrayList<>();
        for (Map<String, String> map : maps) {
            if (map != null) {
                map.forEach((k, v) -> {
                    if (isSecretName(k)) {
                        values.add(v);
                    }
                });
            }
        }
        return of(values);
    }

    /** This sanitiser plus more values to mask. */
    public SecretSanitiser with(String... more) {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(java.util.Arrays.asList(more));
        return of(all);
    }

    /**
     * Whether a build arg or label name looks like it holds a secret: it contains PASSWORD, PASSWD,
     * PASSPHRASE, TOKEN, SECRET, CREDENTIAL, PRIVATE, SESSION, APIKEY or ACCESSKEY anywhere, or has a
     * word PASS (DB_PASS, dbPass), PWD, KEY (API_KEY, sshKey), AUTH (BASIC_AUTH, not author), CRED,
     * CERT or COOKIE. NODE_ENV, version, and the DAAS client's daas.wallet, daas.timestamp,
     * daas.service, daas.fallback and daas.reason are not secret names.
     */
    public static boolean isSecretName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (SECRET_NAME_PARTS.stream().anyMatch(upper::contains)) {
            return true;
        }
        for (String word : WORD_BOUNDARY.split(name)) {
            if (!word.isEmpty()
                    && SECRET_WORD.matcher(word.toUpperCase(Locale.ROOT)).matches()) {
                return true;
            }
        }
        return false;
    }

    /** A copy of the map with the values of secret-looking names replaced by {@link #MASK}. */
    public static Map<String, String> maskSecretEntries(Map<String, String> map) {
        Map<String, String> masked = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> masked.put(k, isSecretName(k) && v != null && !v.isEmpty() ? MASK : v));
        }
        return masked;
    }

    /** The names of secret-looking entries whose value is {@link #MASK}: a secret that was not kept. */
    public static List<String> maskedSecretNames(Map<String, String> map) {
        if (map == null) {
            return List.of();
        }
        return map.entrySet().stream()
                .filter(e -> isSecretName(e.getKey()) && MASK.equals(e.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** The text with every secret value replaced by {@link #MASK}; null stays null. */
    public String clean(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "SecretSanitiser[" + secrets.size() + " secrets]";
    }
}
