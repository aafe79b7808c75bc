package io.daas.builder.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveLogTests {

    /** A store in a list, counting the batches it is given. */
    static final class ListStore extends BuildLogRepository {
        final List<NumberedLine> lines = new ArrayList<>();
        final AtomicInteger batches = new AtomicInteger();

        ListStore() {
            super(null);
        }

        @Override
        void appendAll(String buildId, List<NumberedLine> batch) {
            batches.incrementAndGet();
            lines.addAll(batch);
        }

        @Override
        long lastSeq(String buildId) {
            return lines.isEmpty() ? 0 : lines.get(lines.size() - 1).seq();
        }

        @Override
        List<NumberedLine> after(String buildId, long afterSeq, int limit) {
            return lines.stream().filter(l -> l.seq() > afterSeq).limit(limit).toList();
        }
    }

    @Test
    void linesAreNumberedFromOneAndStoredInBatchesNotOneByOne() {
        ListStore store = new ListStore();
        LiveLog log = new LiveLog("b", store, 1 << 30, () -> {});
        for (int i = 1; i <= 2500; i++) {
            log.append("line " + i);
        }
        assertThat(store.lines).hasSize(2000);
        assertThat(store.batches.get()).isEqualTo(2);
        log.close();
        assertThat(store.lines).hasSize(2500);
        assertThat(store.lines.get(0)).isEqualTo(new NumberedLine(1, "line 1"));
        assertThat(store.lines.get(2499)).isEqualTo(new NumberedLine(2500, "line 2500"));
    }

    @Test
    void aReaderGetsEveryLineOnceWhetherItIsInMemoryOrOnlyStored() {
        ListStore store = new ListStore();
        LiveLog log = new LiveLog("b", store, 1 << 30, () -> {});
        for (int i = 1; i <= 20_000; i++) {
            log.append(String.valueOf(i));
        }
        List<NumberedLine> read = new ArrayList<>();
        long after = 0;
        while (true) {
            LogChunk chunk = log.read(after, 777);
            read.addAll(chunk.lines());
            if (chunk.lines().isEmpty()) {
                assertThat(chunk.complete()).isFalse();
                break;
            }
            after = chunk.lines().get(chunk.lines().size() - 1).seq();
        }
        assertThat(read).hasSize(20_000);
        for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i)).isEqualTo(new NumberedLine(i + 1, String.valueOf(i + 1)));
        }
        log.close();
        assertThat(log.read(20_000, 10).complete()).isTrue();
        assertThat(log.read(19_990, 10).complete()).isTrue();
        assertThat(log.read(19_989, 10).complete()).isFalse();
    }

    @Test
    void tailReachesIntoTheStoreWhenMemoryHoldsTooFew() {
        ListStore store = new ListStore();
        LiveLog log = new LiveLog("b", store, 1 << 30, () -> {});
        for (int i = 1; i <= 10_000; i++) {
            log.append(String.valueOf(i));
        }
        assertThat(log.tail(3)).containsExactly("9998", "9999", "10000");
        List<String> big = log.tail(8000);
        assertThat(big).hasSize(8000);
        assertThat(big.get(0)).isEqualTo("2001");
        assertThat(big.get(7999)).isEqualTo("10000");
    }

    @Test
    void pastTheCapOneMarkerIsKeptAndTheRestDropped() {
        ListStore store = new ListStore();
        LiveLog log = new LiveLog("b", store, 100, () -> {});
        for (int i = 0; i < 1000; i++) {
            log.append("0123456789");
        }
        log.close();
        assertThat(store.lines).hasSize(10);
        assertThat(store.lines.get(9).text()).startsWith("[daas] log truncated").contains("MAX_LOG_BYTES");
        assertThat(log.truncated()).isTrue();
    }

    @Test
    void aLongLineIsCut() {
        ListStore store = new ListStore();
        LiveLog log = new LiveLog("b", store, 1 << 30, () -> {});
        log.append("x".repeat(100_000));
        log.close();
        assertThat(store.lines.get(0).text()).hasSize(LiveLog.MAX_LINE_CHARS + " [line cut]".length());
    }

    @Test
    void tailIsServedAgainUntilTheNextLineAndThenShowsIt() {
        LiveLog log = new LiveLog("b", new ListStore(), 1 << 20, () -> {});
        log.append("one");
        log.append("two");
        List<String> first = log.tail(2);
        assertThat(log.tail(2)).isSameAs(first).containsExactly("one", "two");
        assertThat(log.tail(1)).containsExactly("two");

        log.append("three");
        assertThat(log.tail(2)).containsExactly("two", "three");
        assertThat(first).containsExactly("one", "two");
    }
}
