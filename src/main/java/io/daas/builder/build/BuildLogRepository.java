package io.daas.builder.build;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores build log lines, in order, so they outlive the service. */
@Repository
class BuildLogRepository {

    private final JdbcClient jdbc;

    BuildLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(String buildId, int seq, String line) {
        jdbc.sql("INSERT INTO build_logs (build_id, seq, line) VALUES (:id, :seq, :line)")
                .param("id", buildId)
                .param("seq", seq)
                .param("line", line)
                .update();
    }

    /** The number of lines stored for a build. */
    int count(String buildId) {
        return jdbc.sql("SELECT COUNT(*) FROM build_logs WHERE build_id = :id")
                .param("id", buildId)
                .query(Integer.class)
                .single();
    }

    /** The last {@code limit} lines of a build, oldest first. */
    List<String> tail(String buildId, int limit) {
        int from = Math.max(0, count(buildId) - limit);
        return jdbc.sql("SELECT line FROM build_logs WHERE build_id = :id AND seq >= :from ORDER BY seq")
                .param("id", buildId)
                .param("from", from)
                .query(String.class)
                .list();
    }
}
