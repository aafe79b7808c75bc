package io.daas.builder.api;

import io.daas.builder.builds.Build;
import io.daas.builder.errors.NotFound;
import io.daas.builder.lifecycle.Reproductions.Reproduction;
import io.daas.builder.lifecycle.TenantScope;
import io.daas.builder.lifecycle.TenantScopes;
import io.daas.builder.provenance.Dsse;
import io.daas.builder.provenance.Provenance;
import io.daas.builder.provenance.VerifiableRecords;
import io.daas.builder.provenance.VerifiableRecords.AttestationPush;
import io.daas.builder.replicas.PushForwarding;
import io.daas.builder.replicas.Relayed;
import io.daas.builder.security.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Verifiable builds (docs/verifiable-builds.md): a build's signed provenance and SBOM, the public
 * key that verifies provenance, and reproduction checks.
 */
@RestController
@RequestMapping("/api/docker")
class VerifiableBuildController {

    private final TenantScopes scopes;
    private final Provenance provenance;
    private final VerifiableRecords records;
    private final ObjectMapper json;
    private final PushForwarding forwarding;

    VerifiableBuildController(
            TenantScopes scopes,
            Provenance provenance,
            VerifiableRecords records,
            ObjectMapper json,
            PushForwarding forwarding) {
        this.scopes = scopes;
        this.provenance = provenance;
        this.records = records;
        this.json = json;
        this.forwarding = forwarding;
    }

    record Reproduced(boolean success, Reproduction data, String statusUrl) {}

    /** {@code envelope}: the DSSE envelope; {@code statement}: its payload, decoded; {@code attestation}: where it was pushed. */
    record SignedProvenance(
            Dsse.Envelope envelope, JsonNode statement, String publicKeyUrl, AttestationPush attestation) {}

    record ProvenanceAnswer(boolean success, SignedProvenance data) {}

    record SbomAnswer(boolean success, JsonNode data) {}

    record PublicKey(String keyId, String algorithm, String pem) {}

    record PublicKeyAnswer(boolean success, PublicKey data) {}

    /** The rebuild runs, and the images are compared, on the replica whose engine holds the build's image. */
    @PostMapping("/build/{id}/reproduce")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = Reproduced.class)))
    ResponseEntity<?> reproduce(
            @PathVariable String id,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                    String authorization,
            @Parameter(hidden = true) @RequestHeader(name = PushForwarding.FORWARDED_BY, required = false)
                    String forwardedBy) {
        TenantScope scope = scopes.of(caller);
        Optional<Relayed> there = routed(scope, id, "POST", forwardedBy, authorization);
        if (there.isPresent()) {
            return PushController.relay(there.get());
        }
        // a build that cannot be reproduced throws NotReproducibleException: a 400 naming why
        Reproduction started = scope.reproduce(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Reproduced(true, started, "/api/docker/build/" + id + "/reproduce"));
    }

    @GetMapping("/build/{id}/reproduce")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = Reproduced.class)))
    ResponseEntity<?> reproduction(
            @PathVariable String id,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                    String authorization,
            @Parameter(hidden = true) @RequestHeader(name = PushForwarding.FORWARDED_BY, required = false)
                    String forwardedBy) {
        TenantScope scope = scopes.of(caller);
        Optional<Relayed> there = routed(scope, id, "GET", forwardedBy, authorization);
        if (there.isPresent()) {
            return PushController.relay(there.get());
        }
        Reproduction r = scope.reproduction(id)
                .orElseThrow(() -> new NotFound("No reproduction of build " + id + " yet: POST /api/docker/build/" + id
                        + "/reproduce starts one"));
        return ResponseEntity.ok(new Reproduced(true, r, "/api/docker/build/" + id + "/reproduce"));
    }

    /**
     * The answer of the replica whose engine holds the build's image, when that is another one; the
     * caller's tenancy is checked here first (another tenant's build is not found, never forwarded).
     */
    private Optional<Relayed> routed(
            TenantScope scope, String id, String method, String forwardedBy, String authorization) {
        Build build = scope.build(id);
        return forwarding.reproduction(build.id(), build.replica(), method, forwardedBy, authorization);
    }

    @GetMapping("/build/{id}/provenance")
    ProvenanceAnswer provenance(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        scopes.of(caller).build(id);
        Dsse.Envelope envelope = provenance
                .envelopeOf(id)
                .orElseThrow(() -> new NotFound("Build " + id + " has no provenance: only a build that"
                        + " produced an image has one (it is written when the build ends)"));
        AttestationPush pushed = records.find(id)
                .map(VerifiableRecords.VerifiableRecord::attestationPush)
                .orElse(null);
        return new ProvenanceAnswer(
                true,
                new SignedProvenance(
                        envelope, json.readTree(envelope.payloadBytes()), "/api/docker/provenance/key", pushed));
    }

    @GetMapping("/build/{id}/sbom")
    SbomAnswer sbom(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        scopes.of(caller).build(id);
        String sbom = records.find(id)
                .map(VerifiableRecords.VerifiableRecord::sbom)
                .orElseThrow(() -> new NotFound("Build " + id + " has no SBOM: only a successful build has one"));
        return new SbomAnswer(true, json.readTree(sbom));
    }

    @GetMapping("/provenance/key")
    PublicKeyAnswer key() {
        return new PublicKeyAnswer(
                true, new PublicKey(provenance.keyId(), "ECDSA P-256 SHA-256", provenance.publicKeyPem()));
    }

    @GetMapping(path = "/provenance/key.pem", produces = "application/x-pem-file")
    String keyPem() {
        return provenance.publicKeyPem();
    }
}
