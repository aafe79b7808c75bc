package io.daas.builder.lifecycle;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildNotFoundException;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.BuildWorkspace;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.engine.ImageBuildFailedException;
import io.daas.builder.provenance.VerifiableRecords;
import io.daas.builder.reproducible.ImageDifference.Difference;
import io.daas.builder.reproducible.ReproducibleBuilds;
import io.daas.builder.verify.NotReproducibleException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks that a reproducible build reproduces: starts a fresh build of the same bundle and options
 * with no cache and the same SOURCE_DATE_EPOCH, and once it has ended compares the two images,
 * naming the first layer and file that differ ({@code build_reproductions}, V20).
 */
@Service
public class Reproductions {

    private final VerifiableRecords records;
    private final ReproducibleBuilds reproducible;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final BuilderProperties properties;

    Reproductions(
            VerifiableRecords records,
            ReproducibleBuilds reproducible,
            JdbcClient jdbc,
            ObjectMapper json,
            BuilderProperties properties) {
        this.records = records;
        this.reproducible = reproducible;
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    /**
     * Where a reproduction stands.
     *
     * @param buildId the build checked
     * @param rebuildId the fresh build
     * @param status the fresh build's status
     * @param match whether both images are the same (same image id), null until the rebuild ended
     * @param imageId the build's image id
     * @param rebuildImageId the rebuild's image id, or null
     * @param difference where they first differ, or null
     * @param note a remark (why there is no answer), or null
     */
    public record Reproduction(
            String buildId,
            String rebuildId,
            String status,
            Boolean match,
            String imageId,
            String rebuildImageId,
            Difference difference,
            String note) {}

    /**
     * Starts a rebuild of a successful reproducible build, submitted in the caller's scope (its
     * tenant, rate limit and queue).
     *
     * @throws NotReproducibleException when the build did not succeed or was not reproducible
     */
    Reproduction start(TenantScope scope, Build build) {
        String buildId = build.id();
        if (build.status() != BuildStatus.SUCCESS || build.imageId() == null) {
            throw new NotReproducibleException("Build " + buildId + " is "
                    + build.status().wireName() + ": only a successful build can be reproduced");
        }
        Long epoch = records.find(buildId)
                .map(VerifiableRecords.VerifiableRecord::sourceDateEpoch)
                .orElse(null);
        if (!build.options().reproducible() || epoch == null) {
            throw new NotReproducibleException("Build " + buildId + " was not reproducible: build the bundle with"
                    + " buildOptions.reproducible: true, then reproduce that build");
        }
        // on this replica, whose engine has the image to compare with (with several, the request came here)
        Build rebuild = scope.submitHere(build.bundleId(), build.options().forRebuild(epoch), build.walletAddress());
        jdbc.sql("INSERT INTO build_reproductions (rebuild_id, build_id, created_at) VALUES (:r, :b, :t)")
                .param("r", rebuild.id())
                .param("b", buildId)
                .param("t", java.sql.Timestamp.from(Instant.now()))
                .update();
        return new Reproduction(
                buildId, rebuild.id(), rebuild.status().wireName(), null, build.imageId(), null, null, null);
    }

    /** The newest reproduction of a build, compared once its rebuild has ended. */
    Optional<Reproduction> latest(TenantScope scope, Build build) {
        String buildId = build.id();
        // The newest rebuild the caller may see: an admin's reproduction of a tenant's build is the admin's.
        Optional<Build> visible = jdbc
                .sql("SELECT rebuild_id FROM build_reproductions WHERE build_id = :b"
                        + " ORDER BY created_at DESC, rebuild_id")
                .param("b", buildId)
                .query((rs, n) -> rs.getString("rebuild_id"))
                .list()
                .stream()
                .flatMap(id -> seen(scope, id).stream())
                .findFirst();
        if (visible.isEmpty()) {
            return Optional.empty();
        }
        Build rebuild = visible.get();
        Optional<String> stored = jdbc
                .sql("SELECT result FROM build_reproductions WHERE rebuild_id = :r")
                .param("r", rebuild.id())
                .query((rs, n) -> rs.getString("result"))
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst();
        if (stored.isPresent()) {
            return Optional.of(json.readValue(stored.get(), Reproduction.class));
        }
        if (!rebuild.status().isFinal()) {
            return Optional.of(new Reproduction(
                    buildId, rebuild.id(), rebuild.status().wireName(), null, build.imageId(), null, null, null));
        }
        Reproduction result = compare(build, rebuild);
        jdbc.sql("UPDATE build_reproductions SET result = :r WHERE rebuild_id = :id")
                .param("r", json.writeValueAsString(result))
                .param("id", rebuild.id())
                .update();
        return Optional.of(result);
    }

    private Reproduction compare(Build build, Build rebuild) {
        String status = rebuild.status().wireName();
        if (rebuild.status() != BuildStatus.SUCCESS) {
            return new Reproduction(
                    build.id(),
                    rebuild.id(),
                    status,
                    false,
                    build.imageId(),
                    null,
                    null,
                    "The rebuild did not succeed: " + rebuild.error());
        }
        boolean same = build.imageId().equals(rebuild.imageId());
        if (same) {
            return new Reproduction(
                    build.id(), rebuild.id(), status, true, build.imageId(), rebuild.imageId(), null, null);
        }
        BuildWorkspace workspace = new BuildWorkspace(properties.buildDir(), "reproduce-" + rebuild.id());
        try {
            Difference d = reproducible
                    .compare(build.imageTag(), rebuild.imageTag(), workspace.dir())
                    .orElse(null);
            return new Reproduction(
                    build.id(), rebuild.id(), status, false, build.imageId(), rebuild.imageId(), d, null);
        } catch (ImageBuildFailedException | EngineUnavailableException e) {
            return new Reproduction(
                    build.id(),
                    rebuild.id(),
                    status,
                    false,
                    build.imageId(),
                    rebuild.imageId(),
                    null,
                    "The images differ, but could not be compared file by file: " + e.getMessage());
        } finally {
            workspace.close();
        }
    }

    private static Optional<Build> seen(TenantScope scope, String rebuildId) {
        try {
            return Optional.of(scope.build(rebuildId));
        } catch (BuildNotFoundException e) {
            return Optional.empty();
        }
    }
}
