package io.daas.builder.builds;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores each build's figures (table build_figures) and answers the counts the metrics show. */
@Repository
public class BuildMeasurementsRepository {

    private final JdbcClient jdbc;

    BuildMeasurementsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(String buildId, BuildMeasurements f) {
        Map<String, Long> p = f.phaseMillis();
        String set = "fetch_ms = :fetch, unpack_ms = :unpack, plan_ms = :plan, build_ms = :build, push_ms = :push,"
                + " peak_memory_bytes = :mem, peak_cpu_percent = :cpu, expected_seconds = :expected,"
                + " log_bytes = :logBytes, log_truncated = :truncated";
        JdbcClient.StatementSpec update =
                params(jdbc.sql("UPDATE build_figures SET " + set + " WHERE build_id = :id"), buildId, p, f);
        if (update.update() == 0) {
            params(
                            jdbc.sql("INSERT INTO build_figures (build_id, fetch_ms, unpack_ms, plan_ms, build_ms,"
                                    + " push_ms, peak_memory_bytes, peak_cpu_percent, expected_seconds, log_bytes,"
                                    + " log_truncated) VALUES (:id, :fetch, :unpack, :plan, :build, :push, :mem,"
                                    + " :cpu, :expected, :logBytes, :truncated)"),
                            buildId,
                            p,
                            f)
                    .update();
        }
    }

    private static JdbcClient.StatementSpec params(
            JdbcClient.StatementSpec spec, String id, Map<String, Long> p, BuildMeasurements f) {
        return spec.param("id", id)
                .param("fetch", p.get("fetch"))
                .param("unpack", p.get("unpack"))
                .param("plan", p.get("plan"))
                .param("build", p.get("build"))
                .param("push", p.get("push"))
                .param("mem", f.peakMemoryBytes())
                .param("cpu", f.peakCpuPercent())
                .param("expected", f.expectedSeconds())
                .param("logBytes", f.logBytes())
                .param("truncated", f.logTruncated());
    }

    public Optional<BuildMeasurements> find(String buildId) {
        return jdbc.sql("SELECT * FROM build_figures WHERE build_id = :id")
                .param("id", buildId)
                .query(this::map)
                .optional();
    }

    /** Seconds the latest successful build of the bundle ran (another build than {@code except}). */
    public Optional<Long> lastSuccessSeconds(String bundleId, String except) {
        return newestSuccessSeconds("", "b.bundle_id = :key", bundleId, except);
    }

    /** Seconds the newest other successful build with the Dockerfile {@code buildId} stored (the same plan) took. */
    public Optional<Long> lastSuccessSecondsOfPlan(String buildId) {
        return newestSuccessSeconds(
                " JOIN build_dockerfiles d ON d.build_id = b.id",
                "d.dockerfile_sha256 = (SELECT dockerfile_sha256 FROM build_dockerfiles WHERE build_id = :key)",
                buildId,
                buildId);
    }

    private Optional<Long> newestSuccessSeconds(String join, String match, String key, String except) {
        return jdbc.sql("SELECT b.started_at, b.ended_at FROM builds b" + join + " WHERE " + match
                        + " AND b.id <> :id AND b.status = 'success'"
                        + " AND b.started_at IS NOT NULL AND b.ended_at IS NOT NULL"
                        + " ORDER BY b.ended_at DESC LIMIT 1")
                .param("key", key)
                .param("id", except)
                .query((rs, row) -> Duration.between(
                                rs.getTimestamp("started_at").toInstant(),
                                rs.getTimestamp("ended_at").toInstant())
                        .toSeconds())
                .optional();
    }

    private BuildMeasurements map(ResultSet rs, int row) throws SQLException {
        Map<String, Long> phases = new LinkedHashMap<>();
        for (BuildPhase phase : BuildPhase.values()) {
            long ms = rs.getLong(phase.wireName() + "_ms");
            if (!rs.wasNull()) {
                phases.put(phase.wireName(), ms);
            }
        }
        long mem = rs.getLong("peak_memory_bytes");
        Long peakMemory = rs.wasNull() ? null : mem;
        double cpu = rs.getDouble("peak_cpu_percent");
        Double peakCpu = rs.wasNull() ? null : cpu;
        long expected = rs.getLong("expected_seconds");
        Long expectedSeconds = rs.wasNull() ? null : expected;
        return new BuildMeasurements(
                phases, peakMemory, peakCpu, expectedSeconds, rs.getLong("log_bytes"), rs.getBoolean("log_truncated"));
    }
}
