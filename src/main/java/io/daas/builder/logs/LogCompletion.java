package io.daas.builder.logs;

import io.daas.builder.builds.Build;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a log read from the store (not open in this process) is complete. Its owner, maybe another
 * replica, stores the build's final status before the log's last lines, then closes the log
 * ({@link LogEnd}); so a final status alone does not end a reader. Complete when the build is final
 * and one of:
 * <ul>
 *   <li>this replica ran it: the log is not open here, so this process closed it (or restarted since)
 *       and nothing more comes, as with one service (no query for its row);
 *   <li>its log is closed and the reader has reached the last stored line;
 *   <li>it never opened a log (cancelled while queued, failed before running, ended before V32, or its
 *       log was removed by retention): the reader has read what is stored;
 *   <li>its log was opened and never closed, and the build ended more than {@link #OWNER_GRACE} ago:
 *       its owner died before closing it (a lost replica), so what is stored is all there is.
 * </ul>
 * While not settled a reader reads only lines without a gap, since batches may commit out of order.
 *
 * @param settled whether nothing more will be stored
 * @param lastSeq the last line stored, when known; otherwise a read that returns less than asked ends
 */
record LogCompletion(boolean settled, Long lastSeq) {

    /** How long after a build ended its owner may take to close its log before readers stop waiting. */
    static final Duration OWNER_GRACE = Duration.ofSeconds(15);

    static final LogCompletion MORE_TO_COME = new LogCompletion(false, null);
    private static final LogCompletion WHAT_IS_STORED = new LogCompletion(true, null);

    /**
     * Where a stored log stands.
     *
     * @param build the build, read before {@code end} (an owner writes the log's row before the final status)
     * @param end its log's row, empty when it has none
     * @param thisReplica the name of the replica that reads
     * @param now the time now
     */
    static LogCompletion of(Build build, Optional<LogEnd> end, String thisReplica, Instant now) {
        if (!build.status().isFinal()) {
            return MORE_TO_COME;
        }
        if (ranHere(build, thisReplica) || end.isEmpty()) {
            return WHAT_IS_STORED;
        }
        if (end.get().closed()) {
            return new LogCompletion(true, end.get().lastSeq());
        }
        return graceOver(build.endedAt(), now) ? WHAT_IS_STORED : MORE_TO_COME;
    }

    /** Whether this replica ran the build: then its log's row need not be read. */
    static boolean ranHere(Build build, String thisReplica) {
        return thisReplica.equals(build.replica());
    }

    /** Whether an owner that has not closed the log of a build that ended at {@code endedAt} never will. */
    static boolean graceOver(Instant endedAt, Instant now) {
        return endedAt == null || endedAt.plus(OWNER_GRACE).isBefore(now);
    }

    /** Whether a read that reached line {@code reached} and returned {@code read} of {@code max} lines ends the log. */
    boolean complete(long reached, int read, int max) {
        if (!settled) {
            return false;
        }
        return lastSeq != null ? reached >= lastSeq : read < max;
    }
}
