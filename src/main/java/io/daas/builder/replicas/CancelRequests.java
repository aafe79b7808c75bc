package io.daas.builder.replicas;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Cancels asked through one replica of builds another replica runs ({@code build_cancel_requests}). */
final class CancelRequests {

    private final JdbcClient jdbc;

    CancelRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Asks the replica that runs the build to stop it; asking twice is asking once. */
    void request(String buildId) {
        int updated = jdbc.sql("UPDATE build_cancel_requests SET requested_at = :at WHERE build_id = :id")
                .param("at", Timestamp.from(Instant.now()))
                .param("id", buildId)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO build_cancel_requests (build_id, requested_at) VALUES (:id, :at)")
                        .param("id", buildId)
                        .param("at", Timestamp.from(Instant.now()))
                        .update();
            } catch (org.springframework.dao.DuplicateKeyException e) {
                // asked at the same moment through another replica: asked once
            }
        }
    }

    /** Which of these builds have a cancel asked. */
    List<String> askedAmong(Collection<String> buildIds) {
        if (buildIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT build_id FROM build_cancel_requests WHERE build_id IN (:ids)")
                .param("ids", buildIds)
                .query(String.class)
                .list();
    }

    boolean asked(String buildId) {
        return !askedAmong(List.of(buildId)).isEmpty();
    }

    /** The build ended: its request, if any, is done. */
    void done(String buildId) {
        jdbc.sql("DELETE FROM build_cancel_requests WHERE build_id = :id")
                .param("id", buildId)
                .update();
    }
}
