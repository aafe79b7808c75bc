package io.daas.builder.logs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        List<NumberedLine> out = new ArrayList<>(Math.min(limit, 4096));
        long after = afterSeq;
        while (out.size() < limit) {
            List<Chunk> chunks = jdbc.sql("SELECT first_seq, lines FROM build_log_chunks WHERE build_id = :id"
                            + " AND last_seq > :after ORDER BY first_seq LIMIT " + CHUNKS_PER_READ)
                    .param("id", buildId)
                    .param("after", after)
                    .query((rs, row) -> new Chunk(rs.getLong("first_seq"), rs.getString("lines")))
                    .list();
            for (Chunk c : chunks) {
                long seq = c.firstSeq();
                for (String line : c.lines().split("\n", -1)) {
                    if (seq > after && out.size() < limit) {
                        out.add(new NumberedLine(seq, line));
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
