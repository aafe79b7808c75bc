package io.daas.builder.builds;

/**
 * Which builds a listing shows, newest first: those of a wallet and of a status when given, a page
 * of {@code limit} from {@code offset} (no limit: all of them).
 *
 * @param walletAddress only the builds of this wallet, or null for all
 * @param status only the builds in this status, or null for all
 * @param limit at most this many, or null for all
 * @param offset how many of the newest to skip
 */
public record BuildFilter(String walletAddress, BuildStatus status, Integer limit, int offset) {

    public static final int MAX_LIMIT = 1000;

    public BuildFilter {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
