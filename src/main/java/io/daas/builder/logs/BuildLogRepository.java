package io.daas.builder.logs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores build log lines, in order, so they outlive the service. Lines are kept in chunks of
 * consecutive lines (table build_log_chunks, one row per batch): a row per line is too slow for
 * builds that print hundreds of thousands of lines.
 */
@Repository
class BuildLogRepository {

    private static final int CHUNKS_PER_READ = 64;

    private final JdbcClient jdbc;

    BuildLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores consecutive, numbered lines as one chunk. */
    void appendAll(String buildId, List<NumberedLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (NumberedLine l : lines) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(l.text());
        }
        jdbc.sql("INSERT INTO build_log_chunks (build_id, first_seq, last_seq, lines) VALUES (:id, :first, :last,"
                        + " :lines)")
                .param("id", buildId)
                .param("first", lines.get(0).seq())
                .param("last", lines.get(lines.size() - 1).seq())
                .param("lines", text.toString())
                .update();
    }

    /** The highest line number stored for a build, 0 when there is none. */
    long lastSeq(String buildId) {
        return jdbc.sql("SELECT COALESCE(MAX(last_seq), 0) FROM build_log_chunks WHERE build_id = :id")
                .param("id", buildId)
                .query(Long.class)
                .single();
    }

    /** Up to {@code limit} lines numbered above {@code afterSeq}, oldest first. */
    List<NumberedLine> after(String buildId, long afterSeq, int limit) {
        return after(buildId, afterSeq, limit, false);
    }

    /**
     * Up to {@code limit} lines numbered above {@code afterSeq}, oldest first. With {@code
     * contiguous}, stops before a missing line: a log still being written elsewhere may have a later
     * batch committed before an earlier one, and a reader that skipped the gap would never see it.
     */
    List<NumberedLine> after(String buildId, long afterSeq, int limit, boolean contiguous) {
        List<NumberedLine> out = new ArrayList<>(Math.min(limit, 4096));
        long after = afterSeq;
        while (out.size() < limit) {
            List<Chunk> chunks = jdbc.sql("SELECT first_seq, lines FROM build_log_chunks WHERE build_id = :id"
                            + " AND last_seq > :after ORDER BY first_seq LIMIT " + CHUNKS_PER_READ)
                    .param("id", buildId)
                    .param("after", after)
                    .query((rs, row) -> new Chunk(rs.getLong("first_seq"), rs.getString("lines")))
                    .list();
            long next = after + 1;
            for (Chunk c : chunks) {
                if (contiguous && c.firstSeq() > next) {
                    return out;
                }
                long seq = c.firstSeq();
                for (String line : c.lines().split("\n", -1)) {
                    if (seq > after && out.size() < limit) {
                        out.add(new NumberedLine(seq, line));
                        next = seq + 1;
                    }
                    seq++;
                }
            }
            if (chunks.size() < CHUNKS_PER_READ || out.isEmpty()) {
                break;
            }
            after = out.get(out.size() - 1).seq();
        }
        return out;
    }

    /** Notes that a build's log is open (again): a reader elsewhere waits for it to close. */
    void opened(String buildId, Instant at) {
        jdbc.sql("DELETE FROM build_log_ends WHERE build_id = :id")
                .param("id", buildId)
                .update();
        jdbc.sql("INSERT INTO build_log_ends (build_id, opened_at) VALUES (:id, :at)")
                .param("id", buildId)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** Notes that a build's log is closed with every line up to {@code lastSeq} stored. */
    void closed(String buildId, long lastSeq, Instant at) {
        int updated = jdbc.sql("UPDATE build_log_ends SET closed_at = :at, last_seq = :last WHERE build_id = :id")
                .param("id", buildId)
                .param("at", Timestamp.from(at))
                .param("last", lastSeq)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO build_log_ends (build_id, opened_at, closed_at, last_seq) VALUES (:id, :at, :at,"
                            + " :last)")
                    .param("id", buildId)
                    .param("at", Timestamp.from(at))
                    .param("last", lastSeq)
                    .update();
        }
    }

    /** Whether a build's log was opened and closed, or empty when it never opened one. */
    Optional<LogEnd> end(String buildId) {
        return jdbc.sql("SELECT closed_at, last_seq FROM build_log_ends WHERE build_id = :id")
                .param("id", buildId)
                .query((rs, row) -> {
                    Timestamp closed = rs.getTimestamp("closed_at");
                    return closed == null ? LogEnd.OPEN : new LogEnd(true, rs.getLong("last_seq"));
                })
                .optional();
    }

    /**
     * What a follower of each build needs to tell that its stored log moved: the build's status and
     * end, whether its log is closed, and how many chunks and lines are stored. One query for all.
     */
    Map<String, StoredLogState> states(Collection<String> buildIds) {
        Map<String, StoredLogState> states = new HashMap<>();
        if (buildIds.isEmpty()) {
            return states;
        }
        jdbc.sql("SELECT b.id, b.status, b.ended_at, e.closed_at,"
                        + " (SELECT COUNT(*) FROM build_log_chunks c WHERE c.build_id = b.id) AS chunks,"
                        + " (SELECT COALESCE(MAX(c.last_seq), 0) FROM build_log_chunks c WHERE c.build_id = b.id)"
                        + " AS last_seq FROM builds b LEFT JOIN build_log_ends e ON e.build_id = b.id"
                        + " WHERE b.id IN (:ids)")
                .param("ids", List.copyOf(buildIds))
                .query((rs, row) -> {
                    Timestamp ended = rs.getTimestamp("ended_at");
                    return new StoredLogState(
                            rs.getString("id"),
                            rs.getString("status"),
                            ended == null ? null : ended.toInstant(),
                            rs.getTimestamp("closed_at") != null,
                            rs.getLong("chunks"),
                            rs.getLong("last_seq"));
                })
                .list()
                .forEach(s -> states.put(s.buildId(), s));
        return states;
    }

    /** The last {@code limit} lines of a build, oldest first. */
    List<String> tail(String buildId, int limit) {
        List<String> newestFirst = new ArrayList<>(limit);
        long before = Long.MAX_VALUE;
        while (newestFirst.size() < limit) {
            List<Chunk> chunks = jdbc.sql("SELECT first_seq, lines FROM build_log_chunks WHERE build_id = :id"
                            + " AND first_seq < :before ORDER BY first_seq DESC LIMIT 8")
                    .param("id", buildId)
                    .param("before", before)
                    .query((rs, row) -> new Chunk(rs.getLong("first_seq"), rs.getString("lines")))
                    .list();
            for (Chunk c : chunks) {
                String[] lines = c.lines().split("\n", -1);
                for (int i = lines.length - 1; i >= 0 && newestFirst.size() < limit; i--) {
                    newestFirst.add(lines[i]);
                }
                before = c.firstSeq();
            }
            if (chunks.size() < 8) {
                break;
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private record Chunk(long firstSeq, String lines) {}
}
