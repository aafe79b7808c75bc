package io.daas.builder.replicas;

import io.daas.builder.config.DaemonThreads;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wakes this replica's scheduler as soon as a build is queued on any replica (PostgreSQL
 * {@code LISTEN/NOTIFY}), so an idle replica takes it at once rather than at its next poll; the poll
 * stays, for a notification lost while the listening connection was down.
 */
final class QueueWakeUp {

    static final String CHANNEL = "daas_build_queued";
    private static final int WAIT_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(QueueWakeUp.class);

    private final DataSource dataSource;
    private final Runnable wake;
    private volatile boolean closed;
    private Thread listener;

    QueueWakeUp(DataSource dataSource, Runnable wake) {
        this.dataSource = dataSource;
        this.wake = wake;
    }

    /** Tells every replica listening that a build was queued. */
    static void announce(JdbcClient jdbc) {
        jdbc.sql("NOTIFY " + CHANNEL).update();
    }

    synchronized void start() {
        listener = DaemonThreads.named("build-queue-listen").newThread(this::listen);
        listener.start();
    }

    synchronized void close() {
        closed = true;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        boolean warned = false;
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                warned = false;
                while (!closed) {
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        wake.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!warned) {
                    warned = true;
                    log.warn("not listening for queued builds ({}); polling only until it works again", e.getMessage());
                }
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
