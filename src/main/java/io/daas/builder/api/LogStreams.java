package io.daas.builder.api;

import io.daas.builder.build.BuildLogs;
import io.daas.builder.build.BuildService;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.ObjectMapper;

/**
 * The open SSE log streams: a few shared threads write to them when their build's log moves, and a
 * ticker keeps idle ones alive (and notices clients that left). No thread waits per stream.
 */
@Component
class LogStreams implements DisposableBean {

    static final int MAX_STREAMS = 256;
    static final long KEEPALIVE_SECONDS = 15;

    private final BuildLogs logs;
    private final BuildService builds;
    private final ObjectMapper json;
    private final Set<SseLogStream> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers = Executors.newFixedThreadPool(4, daemon("log-stream"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("log-ticker"));

    LogStreams(BuildLogs logs, BuildService builds, ObjectMapper json) {
        this.logs = logs;
        this.builds = builds;
        this.json = json;
        ticker.scheduleWithFixedDelay(this::tick, KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
    }

    /** Streams a build's log lines numbered above {@code after}, then the lines to come, then its status. */
    SseEmitter open(String buildId, long after) {
        if (open.size() >= MAX_STREAMS) {
            throw new TooManyStreamsException(
                    "Too many open log streams (" + MAX_STREAMS + "); retry later or use ?follow=false");
        }
        SseEmitter emitter = new SseEmitter(0L);
        SseLogStream stream = new SseLogStream(buildId, after, emitter, logs, builds, json, writers, open::remove);
        open.add(stream);
        stream.start();
        return emitter;
    }

    private void tick() {
        open.forEach(SseLogStream::keepAlive);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        open.forEach(SseLogStream::stop);
        writers.shutdownNow();
    }
}
