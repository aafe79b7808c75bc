package io.daas.builder.support;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import io.daas.builder.DaasBuilderApplication;
import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.bundle.BundleId;
import io.daas.builder.bundle.BundleOwners;
import io.daas.builder.bundle.BundleStore;
import io.daas.builder.lifecycle.BuildService;
import io.daas.builder.lifecycle.NewBuild;
import io.daas.builder.lifecycle.TenantScopes;
import io.daas.builder.push.PushRequest;
import io.daas.builder.security.Caller;
import io.daas.builder.security.Role;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service's own beans (queue, execution, push, logs, records) on an in-memory database, with
 * {@link FakeEngine} and {@link FakePusher} where Docker would be: the whole path of a build from
 * {@code BuildService.submit} to the engine and back, in milliseconds. No web server. Subclasses share
 * one context (3 builds at once, 2 per tenant; 6 waiting, 4 per tenant); each test starts with an
 * idle queue and an empty engine. Nothing reaches the real engine: docker-java points at no socket.
 */
@SpringBootTest(
        classes = DaasBuilderApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "builder.max-concurrent-builds=3",
            "builder.max-queued-builds=6",
            "builder.fairness.tenant-max-running=2",
            "builder.fairness.tenant-max-queued=4",
            "builder.security.build-rate-limit=100000",
            "builder.cleanup-interval-seconds=86400",
            "builder.max-image-size=10m",
            "builder.registry.url=127.0.0.1:5999",
            "builder.registry.username=robot",
            "builder.registry.password=default-registry-secret",
            "logging.level.io.daas.builder.verify.VerifiableSteps=ERROR"
        })
@Import(FakeEngineTest.Fakes.class)
public abstract class FakeEngineTest {

    /** Tenants of the tokens file; {@link #A} and {@link #B} are tenants, {@link #ADMIN} an admin. */
    protected static final Caller A = new Caller("tenant-a", Role.USER);

    protected static final Caller B = new Caller("tenant-b", Role.USER);
    protected static final Caller ADMIN = new Caller("ops", Role.ADMIN);

    private static final Path DIR = tempDir();

    @Autowired
    protected FakeEngine engine;

    @Autowired
    protected FakePusher pusher;

    @Autowired
    protected BuildService builds;

    @Autowired
    private TenantScopes scopes;

    @Autowired
    private BundleStore store;

    @Autowired
    private BundleOwners owners;

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url", () -> "jdbc:h2:mem:fake-engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("builder.data-dir", () -> DIR.resolve("data").toString());
        registry.add("builder.build-dir", () -> DIR.resolve("builds").toString());
        registry.add("builder.provenance.key-file", () -> DIR.resolve("key.pem").toString());
        registry.add("builder.security.tokens-file", FakeEngineTest::tokensFile);
    }

    /** Stops what a test left running, so the next one starts with an idle queue and an empty engine. */
    @AfterEach
    void leaveTheQueueIdle() {
        engine.everyBuild(FakeBuild.Script.succeeds());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            engine.builds().forEach(FakeBuild::stop);
            return builds.runningCount() == 0 && builds.queueDepth() == 0 && engine.runningCount() == 0;
        });
        engine.reset();
        pusher.reset();
    }

    /** A build's last STATUS_LOG_LINES log lines, as its status answer shows them. */
    protected List<String> recentLogs(String buildId) {
        return scopes.of(ADMIN).recentLogs(builds.get(buildId));
    }

    /** Stores a one-Dockerfile bundle owned by the caller's tenant; returns its id. */
    protected String bundle(Caller owner, String dockerfile) {
        BundleId id = store.save(new ByteArrayInputStream(Bundles.dockerfile(dockerfile)))
                .id();
        owners.add(id, owner.tenant());
        return id.value();
    }

    /** Submits a build of a small bundle (unique, so no earlier build is reused) for the caller. */
    protected Build submit(Caller caller) {
        return submit(caller, BuildOptions.defaults(), null);
    }

    protected Build submit(Caller caller, BuildOptions options, PushRequest push) {
        String bundle = bundle(caller, "FROM busybox\nRUN echo " + UUID.randomUUID() + "\n");
        return builds.submit(new NewBuild(bundle, options, push, caller, null));
    }

    /** The build once it has ended. */
    protected Build ended(String id) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> builds.get(id), b -> b.status().isFinal());
    }

    private static String tokensFile() {
        Path file = DIR.resolve("tokens");
        try {
            Files.writeString(
                    file,
                    "token-of-tenant-a-0001 tenant-a\ntoken-of-tenant-b-0001 tenant-b\ntoken-of-admin-000001 ops admin\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("fake-engine");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fakes in place of the engine and the pusher; docker-java gets a socket that does not exist. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Fakes {

        @Bean
        @Primary
        FakeEngine fakeEngine() {
            return new FakeEngine();
        }

        @Bean
        @Primary
        FakePusher fakePusher() {
            return new FakePusher();
        }

        @Bean
        @Primary
        DockerClientConfig noEngine() {
            return DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost("unix:///nonexistent/fake-engine.sock")
                    .build();
        }
    }
}
