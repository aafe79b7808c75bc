package io.daas.builder.push;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.daas.builder.builds.PushStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores the push of each build (the latest one), never its password. Recent answers are kept in
 * memory: status polls ask for a build's push on every request, and every write goes through here.
 */
@Repository
class BuildPushRepository {

    private static final String COLUMNS =
            "build_id, registry, namespace, repository, tag, username, credentials, status, digest, error";

    private static final int CACHED = 10_000;
    private static final int SLICE = 500;

    private final JdbcClient jdbc;
    /** Written through on every change; status polls read it without a lock or a database read. */
    private final Cache<String, Optional<PushRecord>> recent =
            Caffeine.newBuilder().maximumSize(CACHED).build();

    BuildPushRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the push of a build, replacing the one before. */
    void save(PushRecord push) {
        int updated = bind(
                        jdbc.sql("UPDATE build_pushes SET registry = :registry, namespace = :namespace,"
                                + " repository = :repository, tag = :tag, username = :username,"
                                + " credentials = :credentials, status = :status, digest = :digest, error = :error,"
                                + " updated_at = :updatedAt WHERE build_id = :buildId"),
                        push)
                .update();
        if (updated == 0) {
            bind(
                            jdbc.sql("INSERT INTO build_pushes (" + COLUMNS
                                    + ", updated_at) VALUES (:buildId, :registry,"
                                    + " :namespace, :repository, :tag, :username, :credentials, :status, :digest,"
                                    + " :error, :updatedAt)"),
                            push)
                    .update();
        }
        recent.put(push.buildId(), Optional.of(push));
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, PushRecord push) {
        return sql.param("buildId", push.buildId())
                .param("registry", push.registry())
                .param("namespace", push.namespace())
                .param("repository", push.repository())
                .param("tag", push.tag())
                .param("username", push.username())
                .param("credentials", push.credentials().wireName())
                .param("status", push.status().wireName())
                .param("digest", push.digest())
                .param("error", push.error())
                .param("updatedAt", Timestamp.from(Instant.now()));
    }

    Optional<PushRecord> find(String buildId) {
        Optional<PushRecord> known = recent.getIfPresent(buildId);
        if (known != null) {
            return known;
        }
        Optional<PushRecord> found = jdbc.sql("SELECT " + COLUMNS + " FROM build_pushes WHERE build_id = :id")
                .param("id", buildId)
                .query(this::map)
                .optional();
        recent.put(buildId, found);
        return found;
    }

    /** The pushes of the given builds (those that have one), read in slices of {@value #SLICE} ids. */
    List<PushRecord> findAll(List<String> buildIds) {
        List<PushRecord> found = new ArrayList<>();
        for (int from = 0; from < buildIds.size(); from += SLICE) {
            found.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM build_pushes WHERE build_id IN (:ids)")
                    .param("ids", buildIds.subList(from, Math.min(buildIds.size(), from + SLICE)))
                    .query(this::map)
                    .list());
        }
        return found;
    }

    void delete(String buildId) {
        jdbc.sql("DELETE FROM build_pushes WHERE build_id = :id")
                .param("id", buildId)
                .update();
        recent.put(buildId, Optional.empty());
    }

    /** After a restart: a push that was running cannot be resumed. */
    int failInterrupted(String message) {
        recent.invalidateAll();
        return jdbc.sql("UPDATE build_pushes SET status = 'failed', error = :error WHERE status = 'pushing'")
                .param("error", message)
                .update();
    }

    private PushRecord map(ResultSet rs, int row) throws SQLException {
        return new PushRecord(
                rs.getString("build_id"),
                rs.getString("registry"),
                rs.getString("namespace"),
                rs.getString("repository"),
                rs.getString("tag"),
                rs.getString("username"),
                CredentialSource.fromWireName(rs.getString("credentials")),
                PushStatus.fromWireName(rs.getString("status")),
                rs.getString("digest"),
                rs.getString("error"));
    }
}
