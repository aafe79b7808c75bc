package io.daas.builder.build;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores build log lines, in order, so they outlive the service. */
@Repository
class BuildLogRepository {

    private static final String INSERT = "INSERT INTO build_logs (build_id, seq, line) VALUES (?, ?, ?)";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    BuildLogRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    void append(String buildId, int seq, String line) {
        batch.update(INSERT, buildId, seq, line);
    }

    /** Stores lines in one batch; they are numbered already. */
    void appendAll(String buildId, List<LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(lines.size());
        for (LogLine l : lines) {
            rows.add(new Object[] {buildId, l.seq(), l.text()});
        }
        batch.batchUpdate(INSERT, rows);
    }

    /** The number of lines stored for a build. */
    int count(String buildId) {
        return jdbc.sql("SELECT COUNT(*) FROM build_logs WHERE build_id = :id")
                .param("id", buildId)
                .query(Integer.class)
                .single();
    }

    /** The highest line number stored for a build, 0 when there is none. */
    long lastSeq(String buildId) {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM build_logs WHERE build_id = :id")
                .param("id", buildId)
                .query(Long.class)
                .single();
    }

    /** Up to {@code limit} lines numbered above {@code afterSeq}, oldest first. */
    List<LogLine> after(String buildId, long afterSeq, int limit) {
        return jdbc.sql("SELECT seq, line FROM build_logs WHERE build_id = :id AND seq > :after ORDER BY seq"
                        + " LIMIT :limit")
                .param("id", buildId)
                .param("after", afterSeq)
                .param("limit", limit)
                .query((rs, row) -> new LogLine(rs.getLong("seq"), rs.getString("line")))
                .list();
    }

    /** The last {@code limit} lines of a build, oldest first. */
    List<String> tail(String buildId, int limit) {
        List<String> lines = new ArrayList<>(
                jdbc.sql("SELECT line FROM build_logs WHERE build_id = :id ORDER BY seq DESC LIMIT :limit")
                        .param("id", buildId)
                        .param("limit", limit)
                        .query(String.class)
                        .list());
        Collections.reverse(lines);
        return lines;
    }
}
