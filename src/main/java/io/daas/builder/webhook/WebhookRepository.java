package io.daas.builder.webhook;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The callback URL of each build that asked for one (table build_callbacks). */
@Repository
class WebhookRepository {

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String buildId, String url) {
        jdbc.sql("INSERT INTO build_callbacks (build_id, url, fired) VALUES (:id, :url, FALSE)")
                .param("id", buildId)
                .param("url", url)
                .update();
    }

    /** Takes the build's callback for delivery: only the first caller gets it. */
    Optional<String> claim(String buildId) {
        int taken = jdbc.sql("UPDATE build_callbacks SET fired = TRUE WHERE build_id = :id AND fired = FALSE")
                .param("id", buildId)
                .update();
        if (taken == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT url FROM build_callbacks WHERE build_id = :id")
                .param("id", buildId)
                .query(String.class)
                .optional();
    }

    /** Builds that ended while their callback was never sent (the service stopped meanwhile). */
    List<String> unsentOfEndedBuilds() {
        return jdbc.sql("SELECT c.build_id FROM build_callbacks c JOIN builds b ON b.id = c.build_id"
                        + " WHERE c.fired = FALSE AND b.status IN ('success', 'failed', 'cancelled')")
                .query(String.class)
                .list();
    }
}
