package io.daas.builder.replicas;

import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.DaemonThreads;
import io.daas.builder.security.ApiTokens;
import io.daas.builder.security.BindAddress;
import io.daas.builder.security.SecurityProperties;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The replicas on this database ({@code replicas}, V31): this one writes its row once it listens and
 * its heartbeat every 2 s; the others are looked up by name (where to reach one, whether it runs).
 * Every time is the database's clock ({@code CURRENT_TIMESTAMP}), so replicas on hosts whose clocks
 * differ still agree on who is alive.
 */
@Component
public class ReplicaDirectory implements DisposableBean {

    /** How often this replica writes its {@code last_seen}. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(ReplicaDirectory.class);
    /** Now minus a number of milliseconds, the same on H2 and PostgreSQL. */
    private static final String NOW_MINUS = "CURRENT_TIMESTAMP - CAST(:ms AS BIGINT) * INTERVAL '0.001' SECOND";

    private final JdbcClient jdbc;
    private final String self;
    private final OwnRow own;
    private final IntFunction<String> urlForPort;
    private final Environment environment;
    private final ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("replica-heartbeat"));
    private volatile String url;
    private volatile boolean left;
    private volatile boolean warned;

    @Autowired
    ReplicaDirectory(
            JdbcClient jdbc,
            BuilderProperties properties,
            SecurityProperties security,
            ApiTokens tokens,
            Environment environment) {
        this(
                jdbc,
                properties.replica().name(),
                port -> ReplicaUrl.of(
                        properties.replica().url(), BindAddress.choose(security.bindAddress(), tokens.enabled()), port),
                environment);
    }

    ReplicaDirectory(JdbcClient jdbc, String self, IntFunction<String> urlForPort, Environment environment) {
        this.jdbc = jdbc;
        this.self = self;
        this.own = new OwnRow(jdbc, self);
        this.urlForPort = urlForPort;
        this.environment = environment;
    }

    /** This replica's name ({@code REPLICA_NAME}). */
    public String self() {
        return self;
    }

    /** Where a replica is reached, if it has a row. */
    public Optional<String> urlOf(String name) {
        return jdbc.sql("SELECT url FROM replicas WHERE name = :name")
                .param("name", name)
                .query(String.class)
                .optional();
    }

    /** Whether a replica's heartbeat is newer than {@code within} ago (false for one without a row). */
    public boolean alive(String name, Duration within) {
        return jdbc.sql("SELECT COUNT(*) FROM replicas WHERE name = :name AND last_seen > " + NOW_MINUS)
                        .param("name", name)
                        .param("ms", within.toMillis())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** How many replicas (this one too) have a heartbeat newer than {@code within} ago. */
    public int aliveCount(Duration within) {
        return jdbc.sql("SELECT COUNT(*) FROM replicas WHERE last_seen > " + NOW_MINUS)
                .param("ms", within.toMillis())
                .query(Integer.class)
                .single();
    }

    /** The other replicas whose heartbeat is older than {@code within} ago, by name. */
    public List<String> lostSince(Duration within) {
        return jdbc.sql("SELECT name FROM replicas WHERE name <> :self AND last_seen < " + NOW_MINUS + " ORDER BY name")
                .param("self", self)
                .param("ms", within.toMillis())
                .query(String.class)
                .list();
    }

    /** Deletes a lost replica's row (this replica's own is left alone: see {@link #leave()}). */
    public void forget(String name) {
        if (name.equals(self)) {
            return;
        }
        jdbc.sql("DELETE FROM replicas WHERE name = :name").param("name", name).update();
    }

    /** Stops the heartbeat and deletes this replica's row, once it has handed back its work. */
    public void leave() {
        left = true;
        heartbeat.shutdownNow();
        jdbc.sql("DELETE FROM replicas WHERE name = :name").param("name", self).update();
        log.info("replica {} left the directory", self);
    }

    /**
     * Marks this replica's row (if a former run of it left one) as seen now: a replica that starts
     * claiming builds before it listens is not taken for lost meanwhile.
     */
    public void seenNow() {
        jdbc.sql("UPDATE replicas SET last_seen = CURRENT_TIMESTAMP WHERE name = :name")
                .param("name", self)
                .update();
    }

    /** The server listens: write this replica's row with its port, and start the heartbeat. */
    @EventListener
    void listening(WebServerInitializedEvent event) {
        String namespace = event.getApplicationContext().getServerNamespace();
        if (namespace == null || namespace.isEmpty()) {
            join(urlForPort.apply(event.getWebServer().getPort()));
        }
    }

    /** Without a web server (some tests): the row carries the configured port. */
    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (url == null) {
            join(urlForPort.apply(environment.getProperty("server.port", Integer.class, 8080)));
        }
    }

    /** Writes this replica's row ({@code started_at} and {@code last_seen} now) and starts the heartbeat. */
    synchronized void join(String url) {
        if (left || this.url != null) {
            return;
        }
        this.url = url;
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        own.write(url, true); // should it fail, the next heartbeat writes the row
        log.info("replica {} joined the directory at {}", self, url);
    }

    /** One heartbeat; a row another replica forgot (this one paused past REPLICA_LOST_AFTER) is written again. */
    void beat() {
        if (left) {
            return;
        }
        try {
            if (own.write(url, false)) {
                log.warn("replica {} had no row in the directory (taken for lost?): written again", self);
            }
            warned = false;
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                log.warn("replica {} could not write its heartbeat: {}", self, e.getMessage());
            }
        }
    }

    /** Stops the heartbeat; the row stays until {@link #leave()} or another replica forgets it. */
    @Override
    public void destroy() {
        heartbeat.shutdownNow();
    }
}
