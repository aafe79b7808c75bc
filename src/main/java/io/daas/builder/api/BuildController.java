package io.daas.builder.api;

import io.daas.builder.build.Build;
import io.daas.builder.build.BuildPush;
import io.daas.builder.build.BuildService;
import io.daas.builder.build.CancelOutcome;
import io.daas.builder.build.NewBuild;
import io.daas.builder.build.PushService;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The build endpoints of the original service: start, status, list, cancel. */
@RestController
@RequestMapping("/api/docker")
class BuildController {

    private final BuildService builds;
    private final PushService pushes;

    BuildController(BuildService builds, PushService pushes) {
        this.builds = builds;
        this.pushes = pushes;
    }

    record Started(boolean success, String buildId, String message, String statusUrl) {}

    record One(boolean success, BuildView data) {}

    record Many(boolean success, List<BuildView> data, int count) {}

    record Cancelled(boolean success, String message, String status) {}

    @PostMapping("/build")
    ResponseEntity<Started> start(@RequestBody(required = false) BuildRequestBody body) {
        if (body == null || body.bundleId() == null || body.bundleId().isBlank()) {
            throw new RequestValidationException("bundleId is required");
        }
        Build build = builds.submit(new NewBuild(
                body.bundleId(),
                BuildRequestValidator.options(body.buildOptions()),
                body.registry() == null ? null : body.registry().toPushRequest()));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Started(true, build.id(), "Build started successfully", "/api/docker/build/" + build.id()));
    }

    @GetMapping("/build/{id}")
    One get(@PathVariable String id) {
        Build build = builds.get(id);
        return new One(true, BuildView.of(build, builds.recentLogs(id), pushes.pushesOf(List.of(build))));
    }

    @GetMapping("/builds")
    Many list(@RequestParam(defaultValue = "false") boolean includeLogs) {
        List<Build> all = builds.list();
        Map<String, BuildPush> pushed = pushes.pushesOf(all);
        List<BuildView> views = all.stream()
                .map(b -> BuildView.of(b, includeLogs ? builds.recentLogs(b.id()) : null, pushed))
                .toList();
        return new Many(true, views, views.size());
    }

    @DeleteMapping("/build/{id}")
    Cancelled cancel(@PathVariable String id) {
        CancelOutcome outcome = builds.cancel(id);
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
