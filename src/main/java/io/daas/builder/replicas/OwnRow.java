package io.daas.builder.replicas;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** This replica's row in {@code replicas}: written on start and by each heartbeat, on the database's clock. */
final class OwnRow {

    private final JdbcClient jdbc;
    private final String self;

    OwnRow(JdbcClient jdbc, String self) {
        this.jdbc = jdbc;
        this.self = self;
    }

    /**
     * Writes the row: {@code url} and {@code last_seen} now ({@code started_at} too when {@code starting}).
     * True when the row was missing though this replica is not starting (another replica forgot it).
     */
    boolean write(String url, boolean starting) {
        String set = starting
                ? "url = :url, started_at = CURRENT_TIMESTAMP, last_seen = CURRENT_TIMESTAMP"
                : "url = :url, last_seen = CURRENT_TIMESTAMP";
        if (update(set, url) > 0) {
            return false;
        }
        try {
            jdbc.sql("INSERT INTO replicas (name, url, started_at, last_seen)"
                            + " VALUES (:name, :url, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                    .param("name", self)
                    .param("url", url)
                    .update();
        } catch (DuplicateKeyException e) {
            update(set, url); // written between our update and insert
        }
        return !starting;
    }

    private int update(String set, String url) {
        return jdbc.sql("UPDATE replicas SET " + set + " WHERE name = :name")
                .param("url", url)
                .param("name", self)
                .update();
    }
}
