package io.daas.builder.api;

import io.daas.builder.builds.Build;
import io.daas.builder.errors.InvalidRequest;
import io.daas.builder.lifecycle.TenantScope;
import io.daas.builder.lifecycle.TenantScopes;
import io.daas.builder.push.PushRequest;
import io.daas.builder.registry.PushedImage;
import io.daas.builder.replicas.PushForwarding;
import io.daas.builder.replicas.Relayed;
import io.daas.builder.security.Caller;
import io.daas.builder.security.OutboundPolicy;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/docker/push}: pushes a built image to a registry, as the original service did; a
 * build that ran on another replica is pushed by that replica, whose engine holds its image.
 */
@RestController
@RequestMapping("/api/docker")
class PushController {

    private final TenantScopes scopes;
    private final OutboundPolicy outbound;
    private final PushForwarding forwarding;
    private final ObjectMapper json;

    PushController(TenantScopes scopes, OutboundPolicy outbound, PushForwarding forwarding, ObjectMapper json) {
        this.scopes = scopes;
        this.outbound = outbound;
        this.forwarding = forwarding;
        this.json = json;
    }

    /**
     * Body of the push request. {@code repository} and {@code tag} may sit at the top or inside
     * {@code registry}; a missing {@code registry} means the default one (REGISTRY_URL).
     */
    record PushRequestBody(String buildId, BuildRequestBody.Registry registry, String repository, String tag) {}

    record Pushed(boolean success, String registryTag, String digest, String message) {}

    @PostMapping("/push")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = Pushed.class)))
    ResponseEntity<?> push(
            @RequestBody(required = false) PushRequestBody body,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                    String authorization,
            @Parameter(hidden = true) @RequestHeader(name = PushForwarding.FORWARDED_BY, required = false)
                    String forwardedBy) {
        if (body == null || body.buildId() == null || body.buildId().isBlank()) {
            throw new InvalidRequest("buildId is required");
        }
        BuildRequestBody.Registry r = body.registry();
        RegistryRules.check(r, outbound);
        TenantScope scope = scopes.of(caller);
        // Another tenant's build answers 404, as if it did not exist, before it is sent anywhere.
        Build build = scope.build(body.buildId());
        Optional<Relayed> elsewhere = forwarding.push(
                build.id(), build.replica(), forwardedBy, authorization, () -> json.writeValueAsBytes(body));
        if (elsewhere.isPresent()) {
            return relay(elsewhere.get());
        }
        PushRequest request = new PushRequest(
                r == null ? null : r.url(),
                r == null ? null : r.username(),
                r == null ? null : r.password(),
                r == null ? null : r.namespace(),
                body.repository() != null ? body.repository() : r == null ? null : r.repository(),
                body.tag() != null ? body.tag() : r == null ? null : r.tag());
        PushedImage pushed = scope.pushImage(build.id(), request);
        return ResponseEntity.ok(new Pushed(true, pushed.registryTag(), pushed.digest(), "Image pushed successfully"));
    }

    /** The answer of the replica a request was forwarded to, as it came. */
    static ResponseEntity<byte[]> relay(Relayed answer) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(answer.status());
        if (answer.contentType() != null) {
            b.header(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        if (answer.retryAfter() != null) {
            b.header(HttpHeaders.RETRY_AFTER, answer.retryAfter());
        }
        return b.body(answer.body());
    }
}
