package io.daas.builder.provenance;

import io.daas.builder.config.ProvenanceProperties;
import io.daas.builder.engine.EngineImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Signed provenance and SBOMs of builds: the service's signing key (made on first start), the
 * CycloneDX SBOM of a built image, and the DSSE-signed in-toto statement.
 */
@Component
public class Provenance {

    private static final long MAX_DATABASE_BYTES = 64L * 1024 * 1024;
    private static final List<String> PACKAGE_DATABASES =
            List.of("/var/lib/dpkg/status", "/var/lib/dpkg/status.d", "/lib/apk/db/installed", "/usr/lib/os-release");

    private final SigningKey key;
    private final VerifiableRecords records;
    private final ObjectMapper json;
    private final ProvenanceProperties properties;
    private final EngineImages images;
    private final Lockfiles lockfiles;

    Provenance(ProvenanceProperties properties, VerifiableRecords records, ObjectMapper json, EngineImages images) {
        this.key = SigningKey.loadOrCreate(properties.keyFile());
        this.records = records;
        this.json = json;
        this.properties = properties;
        this.images = images;
        this.lockfiles = new Lockfiles(json);
    }

    /** The public key that verifies every provenance, PEM. */
    public String publicKeyPem() {
        return key.publicKeyPem();
    }

    /** The key's id (SHA-256 of its public key, hex), as each signature names it. */
    public String keyId() {
        return key.keyId();
    }

    public String builderId() {
        return properties.builderId();
    }

    /** The service's version, from the jar (or "dev" when run from classes). */
    public String builderVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * Writes and keeps the SBOM of a built image: dependencies from the lockfiles in {@code context}
     * and the OS packages of the image. Returns its SHA-256 (hex).
     */
    public String recordSbom(String buildId, String imageName, String imageId, Path context, Instant timestamp) {
        try {
            List<Lockfiles.Dependency> deps = lockfiles.read(context);
            List<OsPackages.OsPackage> os = new ArrayList<>();
            String distro = "debian";
            for (EngineImages.ImageFile f : images.readFiles(imageName, PACKAGE_DATABASES, MAX_DATABASE_BYTES)) {
                String text = new String(f.bytes(), StandardCharsets.UTF_8);
                if (f.path().startsWith("/var/lib/dpkg")) {
                    os.addAll(OsPackages.dpkg(text));
                } else if (f.path().startsWith("/lib/apk")) {
                    os.addAll(OsPackages.apk(text));
                } else {
                    distro = osId(text, distro);
                }
            }
            String sbom = SbomWriter.write(imageName, imageId, timestamp, distro, deps, os);
            records.saveSbom(buildId, sbom);
            return io.daas.builder.reproducible.Digests.of(sbom.getBytes(StandardCharsets.UTF_8))
                    .substring(7);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String osId(String osRelease, String fallback) {
        for (String line : osRelease.split("\n")) {
            if (line.startsWith("ID=")) {
                return line.substring(3).replace("\"", "").strip();
            }
        }
        return fallback;
    }

    /** Signs the statement of a build and keeps the envelope; returns it. */
    public Dsse.Envelope attest(ProvenanceStatement.Input input) {
        byte[] statement = ProvenanceStatement.of(input, json);
        Dsse.Envelope envelope = Dsse.sign(Dsse.IN_TOTO, statement, key);
        records.saveProvenance(input.buildId(), json.writeValueAsString(envelope));
        return envelope;
    }

    /** The signed provenance of a build, if it has one. */
    public Optional<Dsse.Envelope> envelopeOf(String buildId) {
        return records.find(buildId)
                .map(VerifiableRecords.VerifiableRecord::provenance)
                .map(p -> json.readValue(p, Dsse.Envelope.class));
    }

    /** The envelope as the bytes that are pushed beside the image. */
    public byte[] bytes(Dsse.Envelope envelope) {
        return json.writeValueAsBytes(envelope);
    }
}
