package io.daas.builder.api;

import io.daas.builder.config.DaemonThreads;
import io.daas.builder.lifecycle.ScopedLog;
import io.daas.builder.security.ApiTokens;
import io.daas.builder.security.FairnessProperties;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.ObjectMapper;

/**
 * The open SSE log streams: a few shared threads write to them when their build's log moves, and a
 * ticker keeps idle ones alive (and notices clients that left). No thread waits per stream. At most
 * {@link #MAX_STREAMS} in all and, with tokens, TENANT_MAX_STREAMS per tenant.
 */
@Component
class LogStreams implements DisposableBean {

    static final int MAX_STREAMS = 256;
    static final long KEEPALIVE_SECONDS = 15;

    private final ObjectMapper json;
    private final int tenantMax;
    private final Set<SseLogStream> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perTenant = new ConcurrentHashMap<>();
    private final ExecutorService writers = Executors.newFixedThreadPool(4, DaemonThreads.named("log-stream"));
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("log-ticker"));

    LogStreams(ObjectMapper json, FairnessProperties fairness, ApiTokens tokens) {
        this.json = json;
        // without tokens every stream is the one local tenant's
        this.tenantMax =
                tokens.enabled() && fairness.tenantMaxStreams() > 0 ? fairness.tenantMaxStreams() : MAX_STREAMS;
        ticker.scheduleWithFixedDelay(this::tick, KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
    }

    /** Streams a build's log lines numbered above {@code after}, then the lines to come, then its status. */
    SseEmitter open(ScopedLog log, long after) {
        String tenant = log.tenant();
        if (open.size() >= MAX_STREAMS) {
            throw new TooManyStreamsException(
                    "Too many open log streams (" + MAX_STREAMS + "); retry later or use ?follow=false", false);
        }
        reserve(tenant);
        SseEmitter emitter = new SseEmitter(0L);
        SseLogStream stream = new SseLogStream(log, after, emitter, json, writers, this::ended);
        open.add(stream);
        stream.start();
        return emitter;
    }

    /** Open streams of a tenant now. */
    int openOf(String tenant) {
        return perTenant.getOrDefault(tenant, 0);
    }

    private void reserve(String tenant) {
        boolean[] refused = {false};
        perTenant.compute(tenant, (t, n) -> {
            int now = n == null ? 0 : n;
            if (now >= tenantMax) {
                refused[0] = true;
                return n;
            }
            return now + 1;
        });
        if (refused[0]) {
            throw new TooManyStreamsException(
                    "Tenant " + tenant + " already holds " + tenantMax + " open log streams (TENANT_MAX_STREAMS): close"
                            + " one, or read the log with ?follow=false",
                    true);
        }
    }

    private void ended(SseLogStream stream) {
        if (open.remove(stream)) {
            perTenant.computeIfPresent(stream.tenant(), (t, n) -> n > 1 ? n - 1 : null);
        }
    }

    private void tick() {
        open.forEach(SseLogStream::keepAlive);
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        open.forEach(SseLogStream::stop);
        writers.shutdownNow();
    }
}
