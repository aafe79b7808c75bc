package io.daas.builder.support;

import io.daas.builder.config.BuilderProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of tests that run the whole service on a random port, with its own data and build dirs,
 * against the real engine of scripts/engine.sh. Subclasses with the same settings share one
 * running service. Tests find its folders through the injected {@link BuilderProperties}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            // Build steps have no network unless a test says so (its own @TestPropertySource wins).
            "builder.build-network=none",
            // Several test services share one engine: no scheduled clean-up pruning another's images.
            "builder.cleanup-interval-seconds=86400",
            "builder.min-free-disk-bytes=0",
            // The registries, Walrus and webhook servers of the tests listen on loopback.
            "builder.security.outbound-allow-loopback=true"
        })
public abstract class ServiceIntegrationTest {

    /** The WEBHOOK_SECRET the service under test signs build callbacks with. */
    protected static final String WEBHOOK_SECRET = "test-webhook-secret";

    @LocalServerPort
    protected int port;

    protected Api api;

    @Autowired
    protected BuilderProperties properties;

    /** Called once per service started: each gets its own data dir, database and build dir. */
    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry registry) {
        Path work = tempDir();
        registry.add("builder.data-dir", () -> work.resolve("data").toString());
        registry.add("builder.build-dir", () -> work.resolve("builds").toString());
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:file:" + work.resolve("data/db/daas-builder") + ";WRITE_DELAY=0");
        registry.add("builder.webhook-secret", () -> WEBHOOK_SECRET);
    }

    @BeforeEach
    void connect() {
        TestEngine.client();
        api = new Api(port);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("daas-it-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
