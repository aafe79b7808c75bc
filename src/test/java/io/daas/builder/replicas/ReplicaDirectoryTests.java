package io.daas.builder.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Poll;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * The replica directory on the embedded H2 (its SQL runs unchanged on PostgreSQL:
 * {@link ReplicaDirectoryPostgresIntegrationTests}).
 */
class ReplicaDirectoryTests {

    private static final Duration LOST_AFTER = Duration.ofSeconds(20);

    JdbcClient jdbc;
    private final List<ReplicaDirectory> directories = new ArrayList<>();

    /** A migrated, empty database. */
    DataSource database() {
        return new DriverManagerDataSource(
                "jdbc:h2:mem:replicas-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    void dropDatabase() {
        jdbc.sql("SHUTDOWN").update();
    }

    @BeforeEach
    void migrate() {
        DataSource source = database();
        Flyway.configure()
                .dataSource(source)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(source);
    }

    @AfterEach
    void stop() {
        directories.forEach(ReplicaDirectory::destroy);
        dropDatabase();
    }

    @Test
    void aReplicaThatJoinedIsAliveAndReachedAtItsUrl() {
        ReplicaDirectory one = joined("replica-1", "http://127.0.0.1:4001");

        assertThat(one.self()).isEqualTo("replica-1");
        assertThat(one.urlOf("replica-1")).contains("http://127.0.0.1:4001");
        assertThat(one.alive("replica-1", LOST_AFTER)).isTrue();
        assertThat(one.urlOf("replica-9")).isEmpty();
        assertThat(one.alive("replica-9", LOST_AFTER)).isFalse();
    }

    @Test
    void aRestartedReplicaTakesOverItsRowWithItsNewUrl() {
        joined("replica-1", "http://127.0.0.1:4001").destroy();
        age("replica-1", Duration.ofMinutes(5));

        ReplicaDirectory again = joined("replica-1", "http://127.0.0.1:4002");

        assertThat(again.urlOf("replica-1")).contains("http://127.0.0.1:4002");
        assertThat(again.alive("replica-1", LOST_AFTER)).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM replicas").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void anotherReplicaWhoseHeartbeatIsOlderThanTheLimitIsLostAndNotAlive() {
        ReplicaDirectory one = joined("replica-1", "http://127.0.0.1:4001");
        joined("replica-2", "http://127.0.0.1:4002");
        joined("replica-3", "http://127.0.0.1:4003");
        age("replica-2", Duration.ofSeconds(30));
        age("replica-1", Duration.ofSeconds(30));

        assertThat(one.lostSince(LOST_AFTER)).as("never itself").containsExactly("replica-2");
        assertThat(one.alive("replica-2", LOST_AFTER)).isFalse();
        assertThat(one.alive("replica-2", Duration.ofSeconds(40))).isTrue();
        assertThat(one.alive("replica-3", LOST_AFTER)).isTrue();
        assertThat(one.lostSince(Duration.ofSeconds(40))).isEmpty();
    }

    @Test
    void forgettingALostReplicaDeletesItsRowButNeverThisReplicasOwn() {
        ReplicaDirectory one = joined("replica-1", "http://127.0.0.1:4001");
        joined("replica-2", "http://127.0.0.1:4002");
        age("replica-2", Duration.ofSeconds(30));

        one.forget("replica-2");
        one.forget("replica-1");

        assertThat(one.urlOf("replica-2")).isEmpty();
        assertThat(one.lostSince(LOST_AFTER)).isEmpty();
        assertThat(one.urlOf("replica-1")).isPresent();
    }

    @Test
    void theHeartbeatMovesLastSeenEveryTwoSeconds() {
        ReplicaDirectory one = joined("replica-1", "http://127.0.0.1:4001");
        age("replica-1", Duration.ofSeconds(30));
        assertThat(one.alive("replica-1", LOST_AFTER)).isFalse();

        Poll.every(Duration.ofMillis(200), Duration.ofSeconds(6)).until(() -> one.alive("replica-1", LOST_AFTER));
    }

    @Test
    void aHeartbeatWritesTheRowAgainWhenAnotherReplicaForgotThisOne() {
        ReplicaDirectory one = joined("replica-1", "http://127.0.0.1:4001");
        ReplicaDirectory two = joined("replica-2", "http://127.0.0.1:4002");
        two.forget("replica-1");
        assertThat(two.urlOf("replica-1")).isEmpty();

        one.beat();

        assertThat(two.urlOf("replica-1")).contains("http://127.0.0.1:4001");
        assertThat(two.alive("replica-1", LOST_AFTER)).isTrue();
    }

    @Test
    void aReplicaThatLeftHasNoRowAndItsHeartbeatNoLongerWritesOne() {
        ReplicaDirectory one = joined("replica-1", "http://127.0.0.1:4001");
        ReplicaDirectory two = joined("replica-2", "http://127.0.0.1:4002");

        one.leave();
        one.beat();
        one.join("http://127.0.0.1:4001");

        assertThat(two.urlOf("replica-1")).isEmpty();
        assertThat(two.alive("replica-1", LOST_AFTER)).isFalse();
    }

    @Test
    void aCleanShutdownKeepsTheRowForTheDrainToDecide() {
        ReplicaDirectory one = joined("replica-1", "http://127.0.0.1:4001");

        one.destroy();

        assertThat(one.urlOf("replica-1")).contains("http://127.0.0.1:4001");
    }

    @Test
    void withoutAWebServerTheRowCarriesTheConfiguredPort() {
        ReplicaDirectory one = new ReplicaDirectory(
                jdbc,
                "replica-1",
                port -> ReplicaUrl.of("", "127.0.0.1", port),
                new MockEnvironment().withProperty("server.port", "3105"));
        directories.add(one);

        one.ready(null);

        assertThat(one.urlOf("replica-1")).contains("http://127.0.0.1:3105");
    }

    private ReplicaDirectory joined(String name, String url) {
        ReplicaDirectory directory = new ReplicaDirectory(jdbc, name, port -> url, new MockEnvironment());
        directories.add(directory);
        directory.join(url);
        return directory;
    }

    /** Sets a replica's heartbeat {@code ago} in the past, by the database's clock. */
    private void age(String name, Duration ago) {
        Timestamp now =
                jdbc.sql("SELECT CURRENT_TIMESTAMP").query(Timestamp.class).single();
        jdbc.sql("UPDATE replicas SET last_seen = :t WHERE name = :name")
                .param("t", Timestamp.from(now.toInstant().minus(ago)))
                .param("name", name)
                .update();
    }
}
