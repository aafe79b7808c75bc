package io.daas.builder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.daas.builder.support.Scripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * compose.yaml as Debian's docker-compose reads it (installed by scripts/engine.sh): accepted,
 * and locked down. It is not brought up here: no image pulls and no bridge networks on this machine.
 */
class ComposeFileIntegrationTests {

    private static JsonNode services;
    private static JsonNode config;

    @BeforeAll
    static void config() throws Exception {
        String normalised;
        try {
            normalised = Scripts.run(Map.of(), Duration.ofMinutes(1), "docker-compose", "-f", "compose.yaml", "config");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(
                    "docker-compose is missing: run scripts/engine.sh up (installs Debian's docker-compose)", e);
        }
        config = StrictManifests.tree(normalised);
        services = config.path("services");
    }

    @Test
    void dockerComposeAcceptsTheFileWithTheFourServices() {
        assertThat(fieldNames(services)).containsExactlyInAnyOrder("builder", "engine", "registry", "postgres");
    }

    @Test
    void noServiceMountsTheEngineSocketAndOnlyTheEngineIsPrivileged() {
        for (String name : fieldNames(services)) {
            JsonNode service = services.path(name);
            assertThat(service.path("volumes").toString()).as(name).doesNotContain("docker.sock");
            assertThat(service.path("privileged").asBoolean(false))
                    .as(name + " privileged")
                    .isEqualTo(name.equals("engine"));
        }
    }

    @Test
    void theServiceIsUnprivilegedAndReachesTheEngineOverTls() {
        JsonNode builder = services.path("builder");
        JsonNode env = builder.path("environment");

        assertThat(builder.path("user").asText()).isEqualTo("10001:10001");
        assertThat(builder.path("read_only").asBoolean()).isTrue();
        assertThat(builder.path("cap_drop").toString()).contains("ALL");
        assertThat(builder.path("security_opt").toString()).contains("no-new-privileges:true");
        assertThat(env.path("DOCKER_HOST").asText()).isEqualTo("tcp://engine:2376");
        assertThat(env.path("DOCKER_TLS_VERIFY").asText()).isEqualTo("1");
        assertThat(env.path("DATABASE_URL").asText()).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(builder.path("volumes").toString())
                .contains(":" + env.path("DOCKER_CERT_PATH").asText() + ":ro");
        // published on the host's loopback only
        assertThat(builder.path("ports")).allSatisfy(p -> assertThat(p.asText()).startsWith("127.0.0.1:"));
    }

    @Test
    void theEngineSpeaksOnlyTlsHasItsOwnVolumeAndPublishesNoPort() {
        JsonNode engine = services.path("engine");
        List<String> command = new ArrayList<>();
        engine.path("command").forEach(c -> command.add(c.asText()));

        assertThat(engine.has("ports")).isFalse();
        assertThat(command).contains("--tlsverify", "--tlscacert=/certs/server/ca.pem");
        assertThat(command).filteredOn(c -> c.startsWith("--host=tcp://")).containsExactly("--host=tcp://0.0.0.0:2376");
        assertThat(engine.path("volumes").get(0).asText()).startsWith("engine-data:/var/lib/docker");
        assertThat(config.path("volumes").has("engine-data")).isTrue();
    }

    @Test
    void everyServiceHasAHealthCheckAndTheServiceWaitsForTheHealthyOnes() {
        for (String name : fieldNames(services)) {
            assertThat(services.path(name).path("healthcheck").path("test").isArray())
                    .as(name + " healthcheck")
                    .isTrue();
        }
        JsonNode dependsOn = services.path("builder").path("depends_on");
        assertThat(fieldNames(dependsOn)).containsExactlyInAnyOrder("engine", "postgres", "registry");
        dependsOn.forEach(d -> assertThat(d.path("condition").asText()).isEqualTo("service_healthy"));
    }

    @Test
    void tokensAndCredentialsComeFromSecretFilesNotTheEnvironment() {
        JsonNode builder = services.path("builder");

        assertThat(builder.path("secrets"))
                .extracting(s -> s.path("source").asText())
                .containsExactlyInAnyOrder("api-tokens", "DATABASE_PASSWORD", "REGISTRY_USERNAME", "REGISTRY_PASSWORD");
        for (String secret : fieldNames(config.path("secrets"))) {
            assertThat(config.path("secrets").path(secret).path("file").asText())
                    .as(secret)
                    .isNotEmpty();
        }
        assertThat(fieldNames(builder.path("environment")))
                .doesNotContain("DATABASE_PASSWORD", "REGISTRY_PASSWORD", "REGISTRY_USERNAME");
        assertThat(builder.path("environment").path("API_TOKENS_FILE").asText()).isEqualTo("/run/secrets/api-tokens");
        assertThat(services.path("postgres")
                        .path("environment")
                        .path("POSTGRES_PASSWORD_FILE")
                        .asText())
                .isEqualTo("/run/secrets/DATABASE_PASSWORD");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
