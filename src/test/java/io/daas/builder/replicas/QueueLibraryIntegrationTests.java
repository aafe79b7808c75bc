package io.daas.builder.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import io.daas.builder.support.Poll;
import io.daas.builder.support.PostgresSchemas;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The spike of issue 17's queue library: db-scheduler (core, on our own DataSource) on this
 * classpath (Spring Boot 4, Java 17) against the real PostgreSQL of {@code scripts/database.sh},
 * in a fresh schema per run. Two schedulers stand for two replicas on one table.
 */
class QueueLibraryIntegrationTests {

    private String schema;
    private HikariDataSource dataSource;
    private JdbcClient jdbc;
    private final List<Scheduler> schedulers = new ArrayList<>();

    @BeforeEach
    void freshSchema() throws Exception {
        schema = PostgresSchemas.fresh("queue");
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(PostgresSchemas.url(schema));
        dataSource.setUsername(PostgresSchemas.user());
        dataSource.setPassword(PostgresSchemas.password());
        dataSource.setMaximumPoolSize(8);
        jdbc = JdbcClient.create(dataSource);
        // the service's own migrations, V31 with db-scheduler's scheduled_tasks among them
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @AfterEach
    void dropSchema() throws Exception {
        schedulers.forEach(Scheduler::stop);
        if (dataSource != null) {
            dataSource.close();
        }
        PostgresSchemas.drop(schema);
    }

    @Test
    void twoReplicasOnOneTableClaimEachBuildExactlyOnceOneAtATimeEachAndTheClaimNamesThePicker() {
        Map<String, List<String>> ranOn = new ConcurrentHashMap<>();
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        Map<String, Integer> mostRunning = new ConcurrentHashMap<>();
        OneTimeTask<Void> build = Tasks.oneTime("build").execute((instance, context) -> {
            String replica = context.getExecution().pickedBy;
            int now = running.computeIfAbsent(replica, r -> new AtomicInteger()).incrementAndGet();
            mostRunning.merge(replica, now, Math::max);
            ranOn.computeIfAbsent(instance.getId(), id -> new CopyOnWriteArrayList<>())
                    .add(replica);
            claimedBy.put(
                    instance.getId(),
                    jdbc.sql("SELECT picked_by FROM scheduled_tasks WHERE task_instance = :id")
                            .param("id", instance.getId())
                            .query(String.class)
                            .single());
            sleep(150);
            running.get(replica).decrementAndGet();
        });
        Scheduler replica1 = start(build, "replica-1", b -> {});
        start(build, "replica-2", b -> {});

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add("build-" + i);
            replica1.schedule(build.instance("build-" + i), Instant.now());
        }
        Poll.every(Duration.ofMillis(100), Duration.ofSeconds(60))
                .until(() -> ranOn.size() == ids.size()
                        && jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks")
                                        .query(Integer.class)
                                        .single()
                                == 0);

        assertThat(ranOn.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        ranOn.forEach((id, replicas) -> assertThat(replicas).as(id).hasSize(1));
        ranOn.forEach((id, replicas) -> assertThat(claimedBy.get(id)).as(id).isEqualTo(replicas.get(0)));
        assertThat(ranOn.values().stream().map(r -> r.get(0)).distinct())
                .as("both replicas took builds")
                .containsExactlyInAnyOrder("replica-1", "replica-2");
        assertThat(mostRunning.values()).allMatch(n -> n == 1);
    }

    @Test
    void anIdleReplicaPicksUpNewWorkWithinItsPollingInterval() {
        Map<String, Instant> started = new ConcurrentHashMap<>();
        OneTimeTask<Void> build =
                Tasks.oneTime("build").execute((instance, context) -> started.put(instance.getId(), Instant.now()));
        Scheduler submitter = start(build, "submitter", b -> b.threads(1).pollingInterval(Duration.ofHours(1)));
        start(build, "idle", b -> {});

        List<Long> handOffMillis = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = "handoff-" + i;
            Instant submitted = Instant.now();
            submitter.schedule(build.instance(id), submitted);
            Poll.every(Duration.ofMillis(5), Duration.ofSeconds(10)).until(() -> started.containsKey(id));
            handOffMillis.add(Duration.between(submitted, started.get(id)).toMillis());
        }
        Collections.sort(handOffMillis);
        long median = handOffMillis.get(handOffMillis.size() / 2);
        long max = handOffMillis.get(handOffMillis.size() - 1);
        System.out.printf("db-scheduler hand-off at a 100 ms polling interval: median %d ms, max %d ms%n", median, max);
        assertThat(median).isLessThan(250);
        assertThat(max).isLessThan(1000);
    }

    @Test
    void aBuildClaimedByAKilledReplicaIsFoundDeadByAnotherNamingTheLostReplica() {
        // what a replica killed with SIGKILL leaves: a claimed row whose heartbeat stops now
        Instant killedAt = Instant.now();
        jdbc.sql("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,"
                        + " last_heartbeat, consecutive_failures, version) VALUES ('build', 'orphan', :at, TRUE,"
                        + " 'replica-killed', :at, 0, 1)")
                .param("at", Timestamp.from(killedAt))
                .update();
        Map<String, String> lost = new ConcurrentHashMap<>();
        OneTimeTask<Void> build = Tasks.oneTime("build")
                .onDeadExecution((complete, operations) -> {
                    // issue 17: mark the build failed with "replica <name> lost during the build"
                    lost.put(complete.getExecution().taskInstance.getId(), complete.getExecution().pickedBy);
                    operations.remove();
                })
                .execute((instance, context) -> {});
        // dead = no heartbeat for heartbeatInterval x missedHeartbeatsLimit (here 2 s x 4; at least 4)
        start(
                build,
                "replica-2",
                b -> b.heartbeatInterval(Duration.ofSeconds(2)).missedHeartbeatsLimit(4));

        Poll.every(Duration.ofMillis(100), Duration.ofSeconds(60)).until(() -> lost.containsKey("orphan"));
        long millis = Duration.between(killedAt, Instant.now()).toMillis();
        System.out.printf("db-scheduler found the dead execution %d ms after the last heartbeat%n", millis);
        assertThat(millis).isBetween(7_500L, 30_000L);
        assertThat(lost).containsEntry("orphan", "replica-killed");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private Scheduler start(
            OneTimeTask<Void> task, String replica, Consumer<com.github.kagkarlsson.scheduler.SchedulerBuilder> more) {
        var builder = Scheduler.create(dataSource, task)
                .schedulerName(new SchedulerName.Fixed(replica))
                .threads(1) // MAX_CONCURRENT_BUILDS=1
                .pollingInterval(Duration.ofMillis(100))
                .pollUsingLockAndFetch(0.5, 1.0) // SELECT ... FOR UPDATE SKIP LOCKED
                .shutdownMaxWait(Duration.ofSeconds(5));
        more.accept(builder);
        Scheduler scheduler = builder.build();
        scheduler.start();
        schedulers.add(scheduler);
        return scheduler;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
