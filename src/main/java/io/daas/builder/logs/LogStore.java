package io.daas.builder.logs;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildNotFoundException;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.DaemonThreads;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Build logs for readers: the open logs of running builds (newest lines in memory) over the
 * stored ones, and a signal to whoever follows a build when lines arrive or its log closes.
 */
@Service
public class LogStore implements DisposableBean {

    static final long FLUSH_MILLIS = 100;

    private final BuildLogRepository repository;
    private final BuildRepository builds;
    private final BuilderProperties properties;
    private final Map<String, LiveLog> open = new ConcurrentHashMap<>();
    private final Map<String, Set<Runnable>> followers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("build-log-flush"));

    LogStore(BuildLogRepository repository, BuildRepository builds, BuilderProperties properties) {
        this.repository = repository;
        this.builds = builds;
        this.properties = properties;
        flusher.scheduleWithFixedDelay(this::flushAll, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Opens the log of a build that starts running. */
    public LiveLog open(String buildId) {
        LiveLog[] self = new LiveLog[1];
        LiveLog log = new LiveLog(
                buildId,
                repository,
                properties.maxLogBytes(),
                () -> signal(buildId),
                () -> flusher.execute(() -> self[0].flush()));
        self[0] = log;
        open.put(buildId, log);
        signal(buildId);
        return log;
    }

    /** Stores the rest of a build's log and closes it. */
    public void close(String buildId, LiveLog log) {
        log.close();
        open.remove(buildId, log);
        signal(buildId);
    }

    /**
     * Up to {@code max} lines numbered above {@code after}. The chunk is complete when the build
     * has ended and no line follows.
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
        List<NumberedLine> lines = repository.after(buildId, after, max);
        return new LogChunk(lines, build.status().isFinal() && lines.size() < max);
    }

    /** The last {@code n} lines of a build, oldest first. */
    public List<String> tail(String buildId, int n) {
        LiveLog live = open.get(buildId);
        return live != null ? live.tail(n) : repository.tail(buildId, n);
    }

    /** Calls {@code signal} whenever the build's log changes; returns what stops it. */
    public Runnable follow(String buildId, Runnable signal) {
        followers.computeIfAbsent(buildId, k -> ConcurrentHashMap.newKeySet()).add(signal);
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

    private void flushAll() {
        for (LiveLog log : open.values()) {
            log.flush();
        }
    }

    @Override
    public void destroy() {
        flusher.shutdownNow();
        flushAll();
    }
}
