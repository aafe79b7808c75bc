package io.daas.builder.logs;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildNotFoundException;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.DaemonThreads;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Build logs for readers: the open logs of running builds (newest lines in memory) over the
 * stored ones, and a signal to whoever follows a build when lines arrive or its log closes. A build
 * whose log is not open here (it runs on another replica) is read from the store, complete as
 * {@link LogCompletion} says, and its followers are signalled by a {@link LogPoller}.
 */
@Service
public class LogStore implements DisposableBean {

    static final long FLUSH_MILLIS = 100;
    private static final Logger log = LoggerFactory.getLogger(LogStore.class);

    private final BuildLogRepository repository;
    private final BuildRepository builds;
    private final long maxLogBytes;
    private final String replica;
    private final Clock clock = Clock.systemUTC();
    private final LogPoller poller;
    private final Map<String, LiveLog> open = new ConcurrentHashMap<>();
    private final Map<String, Set<Runnable>> followers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("build-log-flush"));

    @Autowired
    LogStore(BuildLogRepository repository, BuildRepository builds, BuilderProperties properties) {
        this(repository, builds, properties.maxLogBytes(), properties.replica().name());
    }

    /** A store for the replica {@code replica}, keeping at most {@code maxLogBytes} of each build's log. */
    LogStore(BuildLogRepository repository, BuildRepository builds, long maxLogBytes, String replica) {
        this.repository = repository;
        this.builds = builds;
        this.maxLogBytes = maxLogBytes;
        this.replica = replica;
        this.poller = new LogPoller(repository, this::followedElsewhere, this::signal, clock);
        flusher.scheduleWithFixedDelay(this::flushAll, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Opens the log of a build that starts running. */
    public LiveLog open(String buildId) {
        try {
            repository.opened(buildId, clock.instant());
        } catch (RuntimeException e) {
            log.error(
                    "could not note that the log of build {} is open; readers on other replicas may end early",
                    buildId,
                    e);
        }
        LiveLog[] self = new LiveLog[1];
        LiveLog live = new LiveLog(
                buildId, repository, maxLogBytes, () -> signal(buildId), () -> flusher.execute(() -> self[0].flush()));
        self[0] = live;
        open.put(buildId, live);
        signal(buildId);
        return live;
    }

    /** Stores the rest of a build's log and closes it. */
    public void close(String buildId, LiveLog live) {
        live.close();
        try {
            repository.closed(buildId, live.lastStored(), clock.instant());
        } catch (RuntimeException e) {
            log.error(
                    "could not note that the log of build {} is closed; readers on other replicas end {} s after"
                            + " the build",
                    buildId,
                    LogCompletion.OWNER_GRACE.toSeconds(),
                    e);
        }
        open.remove(buildId, live);
        signal(buildId);
    }

    /**
     * Up to {@code max} lines numbered above {@code after}. The chunk is complete when the build
     * has ended and no line follows: for a log not open here, once {@link LogCompletion} says so.
     */
    public LogChunk read(String buildId, long after, int max) {
        LiveLog live = open.get(buildId);
        if (live != null) {
            return live.read(after, max);
        }
        Build build = builds.find(buildId).orElseThrow(() -> new BuildNotFoundException(buildId));
        // the status turns final before the log's last lines are stored: look again for an open log
        live = open.get(buildId);
        if (live != null) {
            return live.read(after, max);
        }
        // the build first, then its log's row: an owner writes the row before the final status
        Optional<LogEnd> end = build.status().isFinal() && !LogCompletion.ranHere(build, replica)
                ? repository.end(buildId)
                : Optional.empty();
        LogCompletion completion = LogCompletion.of(build, end, replica, clock.instant());
        List<NumberedLine> lines = repository.after(buildId, after, max, !completion.settled());
        long reached = lines.isEmpty() ? after : lines.get(lines.size() - 1).seq();
        return new LogChunk(lines, completion.complete(reached, lines.size(), max));
    }

    /** The last {@code n} lines of a build, oldest first. */
    public List<String> tail(String buildId, int n) {
        LiveLog live = open.get(buildId);
        return live != null ? live.tail(n) : repository.tail(buildId, n);
    }

    /** Calls {@code signal} whenever the build's log changes; returns what stops it. */
    public Runnable follow(String buildId, Runnable signal) {
        followers.computeIfAbsent(buildId, k -> ConcurrentHashMap.newKeySet()).add(signal);
        poller.wake();
        return () -> followers.computeIfPresent(buildId, (k, set) -> {
            set.remove(signal);
            return set.isEmpty() ? null : set;
        });
    }

    private void signal(String buildId) {
        Set<Runnable> set = followers.get(buildId);
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }

    /** Followed builds whose log is not open here: the poller watches the store for them. */
    private Set<String> followedElsewhere() {
        Set<String> ids = new HashSet<>(followers.keySet());
        ids.removeAll(open.keySet());
        return ids;
    }

    /** Whether the database is polled for followers of builds not open here. */
    boolean polling() {
        return poller.active();
    }

    private void flushAll() {
        for (LiveLog live : open.values()) {
            live.flush();
        }
    }

    @Override
    public void destroy() {
        poller.stop();
        flusher.shutdownNow();
        flushAll();
    }
}
