package io.daas.builder.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.support.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two log stores on one embedded H2, as two replicas on one database: "owner" runs the build and
 * writes its log, "here" serves it to readers.
 */
class StoredLogTests {

    private JdbcClient jdbc;
    private BuildLogRepository repository;
    private BuildRepository builds;
    private LogStore owner;
    private LogStore here;

    @BeforeEach
    void migrate() {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        repository = new BuildLogRepository(jdbc);
        builds = new BuildRepository(jdbc, JsonMapper.builder().build());
        owner = new LogStore(repository, builds, 1 << 30, "owner");
        here = new LogStore(repository, builds, 1 << 30, "here");
    }

    @AfterEach
    void stop() {
        owner.destroy();
        here.destroy();
    }

    private Build running(String id) {
        Build b = Build.pending(id, "bundle", BuildOptions.defaults(), null, null)
                .with(BuildStatus.BUILDING, 10, "Step 1/2", null, null, "daas-app:" + id, null, Instant.now(), null)
                .ranBy("owner");
        builds.insert(b);
        return b;
    }

    private List<NumberedLine> readAll(String id, long after) {
        List<NumberedLine> lines = new ArrayList<>();
        LogChunk chunk;
        do {
            chunk = here.read(id, after, 7);
            lines.addAll(chunk.lines());
            if (!chunk.lines().isEmpty()) {
                after = chunk.lines().get(chunk.lines().size() - 1).seq();
            }
        } while (chunk.lines().size() == 7);
        return lines;
    }

    private static void await(String what, Duration timeout, Callable<Boolean> condition) {
        Poll.every(Duration.ofMillis(10), timeout).alias(what).until(condition);
    }

    private static void assertNumbered(List<NumberedLine> lines, long from, long to) {
        assertThat(lines).hasSize((int) (to - from + 1));
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).isEqualTo(new NumberedLine(from + i, "line " + (from + i)));
        }
    }

    @Test
    void aReaderOnAnotherReplicaGetsEveryLineAndEndsOnlyOnceTheOwnerClosedTheLogAfterTheFinalStatus() {
        Build build = running("b1");
        LiveLog log = owner.open("b1");
        for (int i = 1; i <= 30; i++) {
            log.append("line " + i);
        }
        await("the owner's flusher stored 30 lines", Duration.ofSeconds(5), () -> repository.lastSeq("b1") == 30);
        assertNumbered(readAll("b1", 0), 1, 30);
        assertThat(here.read("b1", 30, 7).complete()).isFalse();

        // the owner ends the build first, then stores the last lines and closes the log
        builds.update(build.ended(BuildStatus.SUCCESS, null, Instant.now()));
        for (int i = 31; i <= 40; i++) {
            log.append("line " + i);
        }
        assertThat(here.read("b1", 30, 7).complete())
                .as("final, but the log is still open")
                .isFalse();
        await("the rest stored", Duration.ofSeconds(5), () -> repository.lastSeq("b1") == 40);
        LogChunk beforeClose = here.read("b1", 30, 100);
        assertNumbered(beforeClose.lines(), 31, 40);
        assertThat(beforeClose.complete())
                .as("every line stored, but not yet closed")
                .isFalse();

        owner.close("b1", log);

        assertThat(here.read("b1", 30, 100).complete()).isTrue();
        assertThat(here.read("b1", 39, 100).complete()).isTrue();
        assertThat(here.read("b1", 40, 100).complete()).isTrue();
        assertThat(here.read("b1", 0, 39).complete())
                .as("one line short of the last")
                .isFalse();
        assertThat(repository.end("b1")).contains(new LogEnd(true, 40));
    }

    @Test
    void aBatchCommittedBeforeAnEarlierOneIsNotSkippedByAReaderElsewhere() {
        Build build = running("b2");
        repository.opened("b2", Instant.now());
        repository.appendAll("b2", List.of(new NumberedLine(1, "line 1"), new NumberedLine(2, "line 2")));
        repository.appendAll("b2", List.of(new NumberedLine(5, "line 5"), new NumberedLine(6, "line 6")));

        assertNumbered(readAll("b2", 0), 1, 2);
        assertThat(here.read("b2", 2, 100).lines())
                .as("3 and 4 are still being written")
                .isEmpty();

        repository.appendAll("b2", List.of(new NumberedLine(3, "line 3"), new NumberedLine(4, "line 4")));
        assertNumbered(readAll("b2", 2), 3, 6);

        // a gap that stays (a failed write) is passed over once nothing more can come
        repository.appendAll("b2", List.of(new NumberedLine(9, "line 9")));
        builds.update(build.ended(BuildStatus.FAILED, "boom", Instant.now()));
        assertThat(here.read("b2", 6, 100).lines()).isEmpty();
        repository.closed("b2", 9, Instant.now());
        LogChunk end = here.read("b2", 6, 100);
        assertThat(end.lines()).containsExactly(new NumberedLine(9, "line 9"));
        assertThat(end.complete()).isTrue();
    }

    @Test
    void aFollowerOfALogOpenElsewhereIsSignalledFromTheDatabaseAndPollingStopsWhenItLeaves() {
        running("b3");
        LiveLog log = owner.open("b3");
        AtomicInteger signals = new AtomicInteger();
        Runnable unfollow = here.follow("b3", signals::incrementAndGet);
        assertThat(here.polling()).isTrue();
        await("a first signal", Duration.ofSeconds(2), () -> signals.get() >= 1);

        int before = signals.get();
        long appended = System.nanoTime();
        log.append("line 1");
        await("a signal for the new line", Duration.ofSeconds(2), () -> signals.get() > before);
        long millis = (System.nanoTime() - appended) / 1_000_000;
        assertThat(millis).as("flush (100 ms) and poll (200 ms)").isLessThan(1000);
        assertNumbered(here.read("b3", 0, 10).lines(), 1, 1);

        unfollow.run();
        await("polling stopped", Duration.ofSeconds(2), () -> !here.polling());
        int after = signals.get();
        log.append("line 2");
        owner.close("b3", log);
        await(
                "closed",
                Duration.ofSeconds(2),
                () -> repository.end("b3").orElseThrow().closed());
        assertThat(signals.get()).isEqualTo(after);
    }

    @Test
    void openingALogAgainClearsTheCloseOfAnEarlierRun() {
        Build build = running("b4");
        LiveLog first = owner.open("b4");
        first.append("line 1");
        owner.close("b4", first);
        assertThat(repository.end("b4")).contains(new LogEnd(true, 1));

        // handed back and taken again: numbering goes on, readers wait for the new close
        LiveLog second = owner.open("b4");
        assertThat(repository.end("b4")).contains(LogEnd.OPEN);
        second.append("line 2");
        builds.update(build.ended(BuildStatus.SUCCESS, null, Instant.now()));
        await("line 2 stored", Duration.ofSeconds(5), () -> repository.lastSeq("b4") == 2);
        assertThat(here.read("b4", 0, 100).complete()).isFalse();
        owner.close("b4", second);
        LogChunk all = here.read("b4", 0, 100);
        assertNumbered(all.lines(), 1, 2);
        assertThat(all.complete()).isTrue();
    }
}
