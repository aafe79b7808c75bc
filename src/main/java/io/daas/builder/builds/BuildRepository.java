package io.daas.builder.builds;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** Stores build records in the database, so they outlive the service. */
@Repository
public class BuildRepository {

    private static final String COLUMNS = "id, bundle_id, options, status, progress, current_step, error, image_id,"
            + " image_tag, size, created_at, started_at, ended_at, tenant, wallet_address, replica";

    /** The assignments of the fields a build changes as it runs, by the names of {@link #changingFields}. */
    private static final String CHANGING = "status = :status, progress = :progress, current_step = :currentStep,"
            + " error = :error, image_id = :imageId, image_tag = :imageTag, size = :size, started_at = :startedAt,"
            + " ended_at = :endedAt, replica = :replica";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final BuildListing listing;

    public BuildRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.listing = new BuildListing(jdbc, "SELECT " + COLUMNS + " FROM builds", this::map);
    }

    public void insert(Build build) {
        jdbc.sql("INSERT INTO builds (" + COLUMNS + ") VALUES (:id, :bundleId, :options, :status, :progress,"
                        + " :currentStep, :error, :imageId, :imageTag, :size, :createdAt, :startedAt, :endedAt, :tenant, :wallet,"
                        + " :replica)")
                .params(changingFields(build))
                .param("id", build.id())
                .param("bundleId", build.bundleId())
                .param("options", json.writeValueAsString(build.options().withSecretsMasked()))
                .param("createdAt", timestamp(build.createdAt()))
                .param("tenant", build.tenant())
                .param("wallet", build.walletAddress())
                .update();
    }

    /** Writes the changing fields of a build. */
    public void update(Build build) {
        jdbc.sql("UPDATE builds SET " + CHANGING + " WHERE id = :id")
                .params(changingFields(build))
                .param("id", build.id())
                .update();
    }

    /**
     * Writes the changing fields of a build only while its stored status is still {@code expected}:
     * of several replicas ending one build at once, one wins. True when this one did.
     */
    public boolean updateIfStatus(Build build, BuildStatus expected) {
        return jdbc.sql("UPDATE builds SET " + CHANGING + " WHERE id = :id AND status = :expected")
                        .params(changingFields(build))
                        .param("id", build.id())
                        .param("expected", expected.wireName())
                        .update()
                == 1;
    }

    /** Builds running on a replica, oldest first. */
    public List<Build> findRunningOn(String replica) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM builds WHERE status = 'building' AND replica = :replica"
                        + " ORDER BY created_at, id")
                .param("replica", replica)
                .query(this::map)
                .list();
    }

    /** The fields a build changes as it runs, by the names both statements use. */
    private static Map<String, Object> changingFields(Build build) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("status", build.status().wireName());
        fields.put("progress", build.progress());
        fields.put("currentStep", build.currentStep());
        fields.put("error", build.error());
        fields.put("imageId", build.imageId());
        fields.put("imageTag", build.imageTag());
        fields.put("size", build.size());
        fields.put("startedAt", timestamp(build.startedAt()));
        fields.put("endedAt", timestamp(build.endedAt()));
        fields.put("replica", build.replica());
        return fields;
    }

    public void delete(String id) {
        jdbc.sql("DELETE FROM builds WHERE id = :id").param("id", id).update();
    }

    /** The newest successful build with this cache key, if any. */
    public Optional<Build> findReusable(String cacheKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM builds WHERE cache_key = :key AND status = 'success'"
                        + " ORDER BY ended_at DESC LIMIT 1")
                .param("key", cacheKey)
                .query(this::map)
                .optional();
    }

    public void setCacheKey(String id, String cacheKey) {
        set(id, "cache_key", cacheKey);
    }

    /**
     * Builds that ended before the cut-off and whose image (or failed step's image) may still be on the
     * engine: of {@code replica}, the ones it ran (or that no replica ran: older records, cancelled
     * waiting); every one when {@code replica} is null (one service, whatever its name was).
     */
    public List<Build> findImagesEndedBefore(Instant cutoff, String replica) {
        // failed and cancelled builds too: a failed push keeps its image, a failed step leaves one untagged
        String ranThere = replica == null ? "" : " AND (replica = :replica OR replica IS NULL)";
        var query = jdbc.sql("SELECT " + COLUMNS + " FROM builds WHERE status IN ('success', 'failed', 'cancelled')"
                        + " AND ended_at < :cutoff AND image_removed_at IS NULL" + ranThere + " ORDER BY ended_at")
                .param("cutoff", timestamp(cutoff));
        return (replica == null ? query : query.param("replica", replica))
                .query(this::map)
                .list();
    }

    public void markImageRemoved(String id, Instant at) {
        set(id, "image_removed_at", timestamp(at));
    }

    private void set(String id, String column, Object value) {
        jdbc.sql("UPDATE builds SET " + column + " = :value WHERE id = :id")
                .param("id", id)
                .param("value", value)
                .update();
    }

    public Optional<Build> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM builds WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** The builds of a tenant (null: every tenant) that pass the filter, newest first. */
    public List<Build> findAll(String tenant, BuildFilter filter) {
        return listing.findAll(tenant, filter);
    }

    /** How many builds of a tenant (null: every tenant) pass the filter, whatever its page. */
    public int count(String tenant, BuildFilter filter) {
        return listing.count(tenant, filter);
    }

    public List<Build> findByStatus(BuildStatus status) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM builds WHERE status = :status ORDER BY created_at, id")
                .param("status", status.wireName())
                .query(this::map)
                .list();
    }

    private Build map(ResultSet rs, int row) throws SQLException {
        return new Build(
                rs.getString("id"),
                rs.getString("bundle_id"),
                json.readValue(rs.getString("options"), BuildOptions.class),
                BuildStatus.fromWireName(rs.getString("status")),
                rs.getInt("progress"),
                rs.getString("current_step"),
                rs.getString("error"),
                rs.getString("image_id"),
                rs.getString("image_tag"),
                rs.getObject("size", Long.class),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("ended_at")),
                rs.getString("tenant"),
                rs.getString("wallet_address"),
                rs.getString("replica"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
