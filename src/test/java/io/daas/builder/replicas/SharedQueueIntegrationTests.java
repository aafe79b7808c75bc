package io.daas.builder.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.daas.builder.DaasBuilderApplication;
import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.bundle.BundleId;
import io.daas.builder.bundle.BundleOwners;
import io.daas.builder.bundle.BundleStore;
import io.daas.builder.lifecycle.BuildService;
import io.daas.builder.lifecycle.CancelOutcome;
import io.daas.builder.lifecycle.NewBuild;
import io.daas.builder.push.PushRequest;
import io.daas.builder.security.Caller;
import io.daas.builder.security.Role;
import io.daas.builder.support.FakeBuild;
import io.daas.builder.support.FakeEngine;
import io.daas.builder.support.FakeEngineTest;
import io.daas.builder.support.PostgresSchemas;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared queue ({@code BUILD_QUEUE=shared}) of one replica, "here", on the real PostgreSQL of
 * {@code scripts/database.sh} (a fresh schema), with the fake engine: the other replicas are rows
 * this test writes as a replica would leave them (a lost replica's stale heartbeat, its claims).
 */
@SpringBootTest(
        classes = DaasBuilderApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "builder.max-concurrent-builds=1",
            "builder.replica.name=here",
            "builder.replica.queue=shared",
            "builder.replica.bundle-store=database",
            "builder.replica.lost-after-seconds=6",
            "builder.fairness.tenant-max-running=1",
            "builder.security.build-rate-limit=100000",
            "builder.cleanup-interval-seconds=86400",
            "builder.registry.url=127.0.0.1:5999",
            "builder.registry.username=robot",
            "builder.registry.password=default-registry-secret"
        })
@Import({FakeEngineTest.Fakes.class, SharedQueueIntegrationTests.SchemaOfItsOwn.class})
@DirtiesContext
class SharedQueueIntegrationTests {

    private static String schema;
    private static final Caller OPEN = Caller.open();

    @Autowired
    private FakeEngine engine;

    @Autowired
    private BuildService builds;

    @Autowired
    private BuildRepository repository;

    @Autowired
    private BundleStore store;

    @Autowired
    private BundleOwners owners;

    @Autowired
    private JdbcClient jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        schema = PostgresSchemas.fresh("shared_queue");
        Path dir = Files.createTempDirectory("shared-queue");
        registry.add("builder.data-dir", () -> dir.resolve("data").toString());
        registry.add("builder.build-dir", () -> dir.resolve("builds").toString());
        registry.add("builder.provenance.key-file", () -> dir.resolve("key.pem").toString());
        // tokens: builds belong to tenants, so TENANT_MAX_RUNNING (1) holds across the replicas
        Path tokens = Files.writeString(
                dir.resolve("tokens"), "token-of-tenant-a-0001 tenant-a\ntoken-of-admin-000001 ops admin\n");
        registry.add("builder.security.tokens-file", tokens::toString);
    }

    @AfterEach
    void idle() {
        engine.everyBuild(FakeBuild.Script.succeeds());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            engine.builds().forEach(FakeBuild::stop);
            return builds.runningCount() == 0 && builds.queueDepth() == 0;
        });
        engine.reset();
    }

    /**
     * The database of this class's context: its schema is dropped when the context closes its pool,
     * after the replica (scheduler, sweeps, heartbeat) has stopped ({@code @DirtiesContext}: right after
     * the class).
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class SchemaOfItsOwn {

        @Bean
        HikariDataSource dataSource() {
            HikariDataSource pool = new HikariDataSource() {
                @Override
                public void close() {
                    super.close();
                    PostgresSchemas.drop(schema);
                }
            };
            pool.setJdbcUrl(PostgresSchemas.url(schema));
            pool.setUsername(PostgresSchemas.user());
            pool.setPassword(PostgresSchemas.password());
            return pool;
        }
    }

    @Test
    void aBuildIsClaimedFromTheSharedQueueRunsHereAndItsRecordNamesThisReplica() {
        Build build = submit((PushRequest) null);

        Build ended = ended(build.id());
        assertThat(ended.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(ended.replica()).isEqualTo("here");
        assertThat(queueRows()).isZero();
    }

    @Test
    void waitingBuildsShowTheirPlaceAndStartOneAtATimeInSubmissionOrder() {
        engine.everyBuild(FakeBuild.Script.succeeds().held());
        Build first = submit((PushRequest) null);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.runningCount() == 1);
        Build second = submit((PushRequest) null);
        Build third = submit((PushRequest) null);

        assertThat(builds.get(second.id()).currentStep()).isEqualTo("Queued (position 1)");
        assertThat(builds.get(third.id()).currentStep()).isEqualTo("Queued (position 2)");
        assertThat(builds.queueDepth()).isEqualTo(2);

        for (Build b : List.of(first, second, third)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> engine.build(b.imageTag()).isPresent());
            assertThat(engine.runningCount()).isEqualTo(1);
            engine.build(b.imageTag()).get().release();
            assertThat(ended(b.id()).status()).isEqualTo(BuildStatus.SUCCESS);
        }
        assertThat(ended(first.id()).startedAt()).isBefore(ended(second.id()).startedAt());
        assertThat(ended(second.id()).startedAt()).isBefore(ended(third.id()).startedAt());
    }

    @Test
    void waitingBuildsOfTenantsStartInTurnAndEachTenantsInTheOrderSent() {
        engine.everyBuild(FakeBuild.Script.succeeds().held());
        Build busy = submit((PushRequest) null);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.runningCount() == 1);
        Caller a = new Caller("tenant-a", Role.USER);
        Caller b = new Caller("tenant-b", Role.USER);
        Build a1 = submit(a);
        Build a2 = submit(a);
        Build a3 = submit(a);
        Build b1 = submit(b);
        Build b2 = submit(b);

        List<Build> turn = List.of(a1, b1, a2, b2, a3);
        for (int i = 0; i < turn.size(); i++) {
            assertThat(builds.get(turn.get(i).id()).currentStep()).isEqualTo("Queued (position " + (i + 1) + ")");
        }
        engine.build(busy.imageTag()).get().release();
        for (Build next : turn) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> engine.build(next.imageTag()).isPresent());
            assertThat(engine.runningCount()).isEqualTo(1);
            engine.build(next.imageTag()).get().release();
            assertThat(ended(next.id()).status()).isEqualTo(BuildStatus.SUCCESS);
        }
    }

    @Test
    void aTenantRunsAtMostTenantMaxRunningBuildsAcrossTheReplicasAndOthersGoFirst() {
        Caller c = new Caller("tenant-c", Role.USER);
        replicaSeen("busy-elsewhere", Instant.now().plusSeconds(3600));
        try {
            Build elsewhere = Build.pending(
                            UUID.randomUUID().toString(), bundle(c), BuildOptions.defaults(), c.tenant(), null)
                    .ranBy("busy-elsewhere");
            repository.insert(elsewhere);
            Build running = elsewhere.with(
                    BuildStatus.BUILDING,
                    40,
                    "Step 2/3 : RUN make",
                    null,
                    null,
                    elsewhere.imageTag(),
                    null,
                    Instant.now(),
                    null);
            repository.update(running);

            Build waiting = submit(c);
            Build other = submit(new Caller("tenant-d", Role.USER));

            assertThat(ended(other.id()).status()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(repository.find(waiting.id()).get().status())
                    .as("tenant-c already runs TENANT_MAX_RUNNING=1 build, on another replica")
                    .isEqualTo(BuildStatus.PENDING);

            repository.update(running.ended(BuildStatus.SUCCESS, null, Instant.now()));
            Build ran = ended(waiting.id());
            assertThat(ran.status()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(ran.replica()).isEqualTo("here");
        } finally {
            jdbc.sql("DELETE FROM replicas WHERE name = 'busy-elsewhere'").update();
        }
    }

    @Test
    void aBuildWithARegistryPasswordIsQueuedForThisReplicaAloneAndStillRuns() {
        engine.everyBuild(FakeBuild.Script.succeeds().held());
        Build busy = submit((PushRequest) null);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.runningCount() == 1);

        Build secret = submit(
                new PushRequest("127.0.0.1:5999", "alice", "request-secret-" + UUID.randomUUID(), null, null, null));
        assertThat(taskOf(secret.id())).isEqualTo("build@here");

        engine.build(busy.imageTag()).get().release();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.build(secret.imageTag()).isPresent());
        engine.build(secret.imageTag()).get().release();
        assertThat(ended(secret.id()).replica()).isEqualTo("here");
    }

    @Test
    void aWaitingBuildCancelledLeavesTheQueue() {
        engine.everyBuild(FakeBuild.Script.succeeds().held());
        Build busy = submit((PushRequest) null);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.runningCount() == 1);
        Build waiting = submit((PushRequest) null);

        CancelOutcome outcome = builds.cancel(waiting.id());

        assertThat(outcome.status()).isEqualTo(BuildStatus.CANCELLED);
        assertThat(taskOf(waiting.id())).isNull();
        assertThat(repository.find(waiting.id()).get().status()).isEqualTo(BuildStatus.CANCELLED);
        engine.build(busy.imageTag()).get().release();
        ended(busy.id());
    }

    @Test
    void theRunningBuildOfALostReplicaFailsNamingItWithinSecondsAndTheReplicaIsForgotten() {
        Build running = pendingRecord().ranBy("ghost-1");
        repository.update(running.with(
                BuildStatus.BUILDING,
                40,
                "Step 2/3 : RUN make",
                null,
                null,
                running.imageTag(),
                null,
                Instant.now(),
                null));
        replicaSeen("ghost-1", Instant.now().minusSeconds(3600));
        Instant lost = Instant.now();

        Build failed = ended(running.id());

        assertThat(failed.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(failed.error()).isEqualTo("replica ghost-1 lost during the build");
        assertThat(Duration.between(lost, Instant.now())).isLessThan(Duration.ofSeconds(15));
        // the same sweep forgets the replica once its builds are ended
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM replicas WHERE name = 'ghost-1'")
                                .query(Integer.class)
                                .single()
                        == 0);
    }

    @Test
    void aBuildALostReplicaClaimedButNeverStartedRunsHere() {
        Build claimed = pendingRecord();
        jdbc.sql("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,"
                        + " last_heartbeat, consecutive_failures, version) VALUES ('build', :id, :at, TRUE,"
                        + " 'ghost-2', :heartbeat, 0, 1)")
                .param("id", claimed.id())
                .param("at", Timestamp.from(claimed.createdAt()))
                .param("heartbeat", Timestamp.from(Instant.now().minusSeconds(3600)))
                .update();

        Build ended = await().atMost(Duration.ofSeconds(40))
                .until(
                        () -> repository.find(claimed.id()).get(),
                        b -> b.status().isFinal());

        assertThat(ended.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(ended.replica()).isEqualTo("here");
    }

    @Test
    void aQueuedBuildOnlyALostReplicaCouldRunFailsSayingToSubmitItAgain() {
        Build pinned = pendingRecord();
        jdbc.sql("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked,"
                        + " consecutive_failures, version) VALUES ('build@ghost-3', :id, :at, FALSE, 0, 1)")
                .param("id", pinned.id())
                .param("at", Timestamp.from(pinned.createdAt()))
                .update();
        replicaSeen("ghost-3", Instant.now().minusSeconds(3600));

        Build failed = ended(pinned.id());

        assertThat(failed.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(failed.error())
                .startsWith("replica ghost-3 was lost before the build started")
                .endsWith("submit the build again");
        assertThat(taskOf(pinned.id())).isNull();
    }

    private Build submit(PushRequest push) {
        return builds.submit(new NewBuild(bundle(OPEN), BuildOptions.defaults(), push, OPEN, null));
    }

    private Build submit(Caller caller) {
        return builds.submit(new NewBuild(bundle(caller), BuildOptions.defaults(), null, caller, null));
    }

    /** A pending build's record, not queued: what another replica writes before its queue row. */
    private Build pendingRecord() {
        Build build =
                Build.pending(UUID.randomUUID().toString(), bundle(OPEN), BuildOptions.defaults(), OPEN.tenant(), null);
        repository.insert(build);
        return build;
    }

    private String bundle(Caller owner) {
        BundleId id = store.save(new ByteArrayInputStream(io.daas.builder.support.Bundles.dockerfile(
                        "FROM busybox\nRUN echo " + UUID.randomUUID() + "\n")))
                .id();
        owners.add(id, owner.tenant());
        return id.value();
    }

    private void replicaSeen(String name, Instant at) {
        jdbc.sql("INSERT INTO replicas (name, url, started_at, last_seen) VALUES (:name, 'http://127.0.0.1:9', :at,"
                        + " :at)")
                .param("name", name)
                .param("at", Timestamp.from(at))
                .update();
    }

    private String taskOf(String buildId) {
        return jdbc.sql("SELECT task_name FROM scheduled_tasks WHERE task_instance = :id")
                .param("id", buildId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private int queueRows() {
        return jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks")
                .query(Integer.class)
                .single();
    }

    private Build ended(String id) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> repository.find(id).get(), b -> b.status().isFinal());
    }
}
