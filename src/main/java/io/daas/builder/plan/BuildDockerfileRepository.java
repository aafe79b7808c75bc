package io.daas.builder.plan;

import io.daas.builder.detect.BuildPlan;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** Keeps the Dockerfile (and the detection plan) each build used. */
@Repository
public class BuildDockerfileRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    BuildDockerfileRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void save(String buildId, ResolvedDockerfile dockerfile) {
        jdbc.sql("DELETE FROM build_dockerfiles WHERE build_id = :id")
                .param("id", buildId)
                .update();
        jdbc.sql("INSERT INTO build_dockerfiles (build_id, source, path, dockerfile, plan, dockerfile_sha256)"
                        + " VALUES (:id, :source, :path, :dockerfile, :plan, :sha256)")
                .param("id", buildId)
                .param("sha256", dockerfile.sha256())
                .param("source", dockerfile.source())
                .param("path", dockerfile.path())
                .param("dockerfile", dockerfile.text())
                .param("plan", dockerfile.plan() == null ? null : json.writeValueAsString(dockerfile.plan()))
                .update();
    }

    public Optional<ResolvedDockerfile> find(String buildId) {
        return jdbc.sql("SELECT source, path, dockerfile, plan FROM build_dockerfiles WHERE build_id = :id")
                .param("id", buildId)
                .query((rs, n) -> new ResolvedDockerfile(
                        rs.getString("source"),
                        rs.getString("path"),
                        rs.getString("dockerfile"),
                        rs.getString("plan") == null ? null : json.readValue(rs.getString("plan"), BuildPlan.class)))
                .optional();
    }
}
