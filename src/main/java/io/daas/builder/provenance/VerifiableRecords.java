package io.daas.builder.provenance;

import io.daas.builder.reproducible.DockerfilePins.BaseImage;
import io.daas.builder.reproducible.ReproducibleBuilds.Normalisation;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Keeps each build's verifiable-build data ({@code build_verifiable}, V20). */
@Repository
public class VerifiableRecords {

    private static final int MAX_TEXT = 1_000_000;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    VerifiableRecords(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records what a reproducible build was pinned to, before it builds. */
    public void savePrepared(String buildId, long epoch, List<BaseImage> bases, List<String> notes) {
        ensure(buildId);
        jdbc.sql("UPDATE build_verifiable SET source_date_epoch = :epoch, base_images = :bases, notes = :notes"
                        + " WHERE build_id = :id")
                .param("id", buildId)
                .param("epoch", epoch)
                .param("bases", json.writeValueAsString(bases))
                .param("notes", json.writeValueAsString(notes))
                .update();
    }

    public void saveNormalisation(String buildId, Normalisation n) {
        set(buildId, "normalisation", json.writeValueAsString(n));
    }

    public void saveSbom(String buildId, String sbom) {
        set(buildId, "sbom", sbom.length() > MAX_TEXT ? null : sbom);
    }

    public void saveProvenance(String buildId, String envelope) {
        set(buildId, "provenance", envelope);
    }

    public void saveAttestationPush(String buildId, AttestationPush push) {
        set(buildId, "attestation_push", json.writeValueAsString(push));
    }

    public Optional<VerifiableRecord> find(String buildId) {
        return jdbc.sql("SELECT * FROM build_verifiable WHERE build_id = :id")
                .param("id", buildId)
                .query((rs, n) -> new VerifiableRecord(
                        buildId,
                        rs.getObject("source_date_epoch") == null ? null : rs.getLong("source_date_epoch"),
                        rs.getString("base_images") == null
                                ? List.of()
                                : json.readValue(rs.getString("base_images"), new TypeReference<List<BaseImage>>() {}),
                        rs.getString("notes") == null
                                ? List.of()
                                : json.readValue(rs.getString("notes"), new TypeReference<List<String>>() {}),
                        rs.getString("normalisation") == null
                                ? null
                                : json.readValue(rs.getString("normalisation"), Normalisation.class),
                        rs.getString("sbom"),
                        rs.getString("provenance"),
                        rs.getString("attestation_push") == null
                                ? null
                                : json.readValue(rs.getString("attestation_push"), AttestationPush.class)))
                .optional();
    }

    private void set(String buildId, String column, String value) {
        ensure(buildId);
        jdbc.sql("UPDATE build_verifiable SET " + column + " = :v WHERE build_id = :id")
                .param("id", buildId)
                .param("v", value)
                .update();
    }

    private void ensure(String buildId) {
        int n = jdbc.sql("UPDATE build_verifiable SET build_id = build_id WHERE build_id = :id")
                .param("id", buildId)
                .update();
        if (n == 0) {
            jdbc.sql("INSERT INTO build_verifiable (build_id) VALUES (:id)")
                    .param("id", buildId)
                    .update();
        }
    }

    /**
     * A build's verifiable-build data.
     *
     * @param buildId the build
     * @param sourceDateEpoch its SOURCE_DATE_EPOCH, or null when it was not reproducible
     * @param bases its base images, pinned
     * @param notes remarks on pinning
     * @param normalisation what normalisation did, or null
     * @param sbom CycloneDX JSON, or null
     * @param provenance DSSE envelope JSON, or null
     * @param attestationPush where the provenance was pushed, or null
     */
    public record VerifiableRecord(
            String buildId,
            Long sourceDateEpoch,
            List<BaseImage> bases,
            List<String> notes,
            Normalisation normalisation,
            String sbom,
            String provenance,
            AttestationPush attestationPush) {}

    /**
     * The provenance pushed beside an image with cosign's tag scheme.
     *
     * @param reference {@code registry/repository:sha256-<hex>.att}
     * @param digest the attestation manifest's digest, or null when the push failed
     * @param error why it failed, or null
     */
    public record AttestationPush(String reference, String digest, String error) {}
}
