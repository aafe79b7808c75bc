package io.daas.builder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.engine.ImageEngine;
import io.daas.builder.security.Caller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** Health as the original service answered it: engine ping and a writable build dir. */
@RestController
class HealthController {

    private final ImageEngine engine;
    private final BuilderProperties properties;

    HealthController(ImageEngine engine, BuilderProperties properties) {
        this.engine = engine;
        this.properties = properties;
    }

    /** {@code engine} and what is wrong are details: shown to admins (and in the open local mode) only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Health(boolean success, String status, String message, Instant timestamp, String engine) {}

    @GetMapping({"/health", "/api/docker/health"})
    ResponseEntity<Health> health(@RequestAttribute(name = Caller.ATTRIBUTE, required = false) Caller caller) {
        boolean details = caller != null && caller.isAdmin();
        String host = details ? engine.host() : null;
        String problem = problem();
        if (problem == null) {
            return ResponseEntity.ok(
                    new Health(true, "healthy", "Docker builder service is operational", Instant.now(), host));
        }
        String message = details ? problem : "Docker builder service is not operational; an admin token shows why";
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Health(false, "unhealthy", message, Instant.now(), host));
    }

    private String problem() {
        try {
            engine.ping();
        } catch (EngineUnavailableException e) {
            return e.getMessage();
        }
        Path dir = properties.buildDir();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".health-", ".tmp");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            return "Build directory " + dir + " is not writable (" + e.getMessage() + "); check DOCKER_BUILD_DIR";
        }
        return null;
    }
}
