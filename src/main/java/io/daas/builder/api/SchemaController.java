package io.daas.builder.api;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The JSON schema of a bundle's daas.json, for editors and for checking a file before upload. */
@RestController
@RequestMapping("/api/docker/schema")
class SchemaController {

    private final byte[] schema;

    SchemaController() {
        try (InputStream in = SchemaController.class.getResourceAsStream("/schema/daas.json")) {
            if (in == null) {
                throw new IllegalStateException("schema/daas.json is missing from the service's classpath");
            }
            this.schema = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping(path = "/daas.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "JSON schema of daas.json, the project config a bundle may carry (same for every tenant)")
    ResponseEntity<byte[]> daasJson() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(schema);
    }
}
