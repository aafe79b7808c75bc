package io.daas.builder.builds;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The image labels this service writes itself, and the ones the original DAAS client sends. */
public final class ImageLabels {

    /** The repository of every image this service builds: {@code daas-app:<buildId>}. */
    public static final String IMAGE_REPOSITORY = "daas-app";

    /** Written on every image: the build that made it (the clean-up and the tests find images by it). */
    public static final String BUILD_ID = "daas.build.id";

    /** Written when the build has a wallet; the original client sends the wallet only as this label. */
    public static final String WALLET = "daas.wallet";

    /** Sent by the original client on every request: when it asked, not what to build. */
    public static final String TIMESTAMP = "daas.timestamp";

    /** Keys a request may not set: the service writes them and relies on them (compared ignoring case). */
    public static final Set<String> RESERVED = Set.of(BUILD_ID);

    private ImageLabels() {}

    /** Whether a request's label key is one the service writes and a request may not set. */
    public static boolean isReserved(String key) {
        return RESERVED.contains(key.toLowerCase(Locale.ROOT));
    }

    /** The value of the wallet label in a request's labels, under any letter case, or null. */
    public static String walletOf(Map<String, String> labels) {
        if (labels == null) {
            return null;
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (e.getKey().equalsIgnoreCase(WALLET)) {
                return e.getValue();
            }
        }
        return null;
    }
}
