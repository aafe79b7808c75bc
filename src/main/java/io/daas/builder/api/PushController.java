package io.daas.builder.api;

import io.daas.builder.errors.InvalidRequest;
import io.daas.builder.lifecycle.TenantScopes;
import io.daas.builder.push.PushRequest;
import io.daas.builder.registry.PushedImage;
import io.daas.builder.security.Caller;
import io.daas.builder.security.OutboundPolicy;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/docker/push}: pushes a built image to a registry, as the original service did. */
@RestController
@RequestMapping("/api/docker")
class PushController {

    private final TenantScopes scopes;
    private final OutboundPolicy outbound;

    PushController(TenantScopes scopes, OutboundPolicy outbound) {
        this.scopes = scopes;
        this.outbound = outbound;
    }

    /**
     * Body of the push request. {@code repository} and {@code tag} may sit at the top or inside
     * {@code registry}; a missing {@code registry} means the default one (REGISTRY_URL).
     */
    record PushRequestBody(String buildId, BuildRequestBody.Registry registry, String repository, String tag) {}

    record Pushed(boolean success, String registryTag, String digest, String message) {}

    @PostMapping("/push")
    Pushed push(
            @RequestBody(required = false) PushRequestBody body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (body == null || body.buildId() == null || body.buildId().isBlank()) {
            throw new InvalidRequest("buildId is required");
        }
        BuildRequestBody.Registry r = body.registry();
        RegistryRules.check(r, outbound);
        PushRequest request = new PushRequest(
                r == null ? null : r.url(),
                r == null ? null : r.username(),
                r == null ? null : r.password(),
                r == null ? null : r.namespace(),
                body.repository() != null ? body.repository() : r == null ? null : r.repository(),
                body.tag() != null ? body.tag() : r == null ? null : r.tag());
        // Another tenant's build answers 404, as if it did not exist.
        PushedImage pushed = scopes.of(caller).pushImage(body.buildId(), request);
        return new Pushed(true, pushed.registryTag(), pushed.digest(), "Image pushed successfully");
    }
}
