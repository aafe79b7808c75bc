package io.daas.builder.logs;

import java.time.Instant;

/**
 * What the database says of a followed build's log now; a change means a follower has something to
 * read (lines, the log's close, the build's end).
 *
 * @param buildId the build
 * @param status its status as stored
 * @param endedAt when it ended, or null
 * @param closed whether its owner closed its log
 * @param chunks how many chunks of lines are stored (a batch committed out of order changes it)
 * @param lastSeq the highest line number stored
 */
record StoredLogState(String buildId, String status, Instant endedAt, boolean closed, long chunks, long lastSeq) {}
