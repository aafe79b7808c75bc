package io.daas.builder.api;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildFilter;
import io.daas.builder.builds.BuildPush;
import io.daas.builder.builds.BuildView;
import io.daas.builder.errors.InvalidRequest;
import io.daas.builder.lifecycle.CancelOutcome;
import io.daas.builder.lifecycle.TenantScope;
import io.daas.builder.lifecycle.TenantScopes;
import io.daas.builder.security.Caller;
import io.daas.builder.security.OutboundPolicy;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The build endpoints of the original service: start, status, list, cancel. Each acts for the
 * {@link Caller} the token filter set: a tenant sees only its own builds.
 */
@RestController
@RequestMapping("/api/docker")
class BuildController {

    private final TenantScopes scopes;
    private final OutboundPolicy outbound;
    private final StatusJsonCache answers;

    BuildController(TenantScopes scopes, OutboundPolicy outbound, StatusJsonCache answers) {
        this.scopes = scopes;
        this.outbound = outbound;
        this.answers = answers;
    }

    record Started(boolean success, String buildId, String message, String statusUrl) {}

    record One(boolean success, BuildView data) {}

    /** {@code count}: builds in {@code data}; {@code total}: builds that pass the filter, on every page. */
    record Many(boolean success, List<BuildView> data, int count, int total) {}

    record Cancelled(boolean success, String message, String status) {}

    @PostMapping(path = "/build", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Started> start(
            @RequestBody(required = false) byte[] json, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        BuildRequestBody body = StrictJson.read(json, BuildRequestBody.class);
        if (body == null || body.bundleId() == null || body.bundleId().isBlank()) {
            throw new InvalidRequest("bundleId is required");
        }
        var options = BuildRequestValidator.options(body.buildOptions());
        String wallet = BuildRequestValidator.wallet(body.walletAddress(), options.labels());
        RegistryRules.check(body.registry(), outbound);
        if (body.callbackUrl() != null) {
            try {
                scopes.of(caller).checkCallbackUrl(body.callbackUrl());
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest(e.getMessage());
            }
        }
        Build build = scopes.of(caller)
                .submit(
                        body.bundleId(),
                        options,
                        body.registry() == null ? null : body.registry().toPushRequest(),
                        wallet,
                        body.callbackUrl());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Started(true, build.id(), "Build started successfully", "/api/docker/build/" + build.id()));
    }

    @GetMapping(path = "/build/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(
            responseCode = "200",
            description = "The build, with its last log lines, push, phases and eta",
            content = @Content(schema = @Schema(implementation = One.class)))
    ResponseEntity<byte[]> get(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        TenantScope scope = scopes.of(caller);
        Build build = scope.build(id);
        byte[] answer = answers.of(build, scope.recentLogs(build), scope.push(build), () -> scope.figures(build));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
    }

    @GetMapping("/builds")
    Many list(
            @RequestParam(defaultValue = "false") boolean includeLogs,
            @RequestParam(required = false) String walletAddress,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        BuildFilter filter = BuildRequestValidator.filter(walletAddress, status, limit, offset);
        TenantScope scope = scopes.of(caller);
        List<Build> page = scope.builds(filter);
        Map<String, BuildPush> pushed = scope.pushes(page);
        List<BuildView> views = page.stream()
                .map(b -> BuildView.of(b, includeLogs ? scope.recentLogs(b) : null, pushed.get(b.id())))
                .toList();
        int total = filter.limit() == null && filter.offset() == 0 ? views.size() : scope.count(filter);
        return new Many(true, views, views.size(), total);
    }

    @DeleteMapping("/build/{id}")
    Cancelled cancel(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        CancelOutcome outcome = scopes.of(caller).cancel(id);
        if (outcome.cancelled()) {
            return new Cancelled(
                    true, "Build cancelled successfully", outcome.status().wireName());
        }
        return new Cancelled(
                true,
                "Build already " + outcome.status().wireName() + "; nothing to cancel",
                outcome.status().wireName());
    }
}
