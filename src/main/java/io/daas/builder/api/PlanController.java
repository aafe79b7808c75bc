package io.daas.builder.api;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.errors.InvalidRequest;
import io.daas.builder.lifecycle.TenantScopes;
import io.daas.builder.plan.ResolvedDockerfile;
import io.daas.builder.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Detection without a build, and the Dockerfile a build used. */
@RestController
@RequestMapping("/api/docker")
class PlanController {

    private final TenantScopes scopes;

    PlanController(TenantScopes scopes) {
        this.scopes = scopes;
    }

    /** {@code buildOptions}: the detection overrides a build would send (the other fields are ignored). */
    record PlanRequest(String bundleId, BuildRequestBody.Options buildOptions) {}

    record Planned(boolean success, BuildPlan data) {}

    record UsedDockerfile(String source, String path, String dockerfile, BuildPlan plan) {}

    record Used(boolean success, UsedDockerfile data) {}

    @PostMapping("/plan")
    Planned plan(@RequestBody(required = false) PlanRequest body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (body == null || body.bundleId() == null || body.bundleId().isBlank()) {
            throw new InvalidRequest("bundleId is required");
        }
        var overrides = BuildRequestValidator.config(body.buildOptions());
        return new Planned(true, scopes.of(caller).plan(body.bundleId(), overrides));
    }

    @GetMapping("/build/{id}/dockerfile")
    Used dockerfile(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        ResolvedDockerfile used = scopes.of(caller).dockerfile(id);
        return new Used(true, new UsedDockerfile(used.source(), used.path(), used.text(), used.plan()));
    }
}
