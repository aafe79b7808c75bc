package io.daas.builder.bundle;

import io.daas.builder.config.BuilderProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bundles kept in the database too ({@code BUNDLE_STORE=database}), so a bundle uploaded to one
 * replica builds on any other on the same database. Content-addressed like {@link BundleStore};
 * bytes go in and out one 1 MiB chunk at a time, never the whole bundle in memory.
 */
@Repository
public class DatabaseBundles {

    static final int CHUNK_SIZE = 1024 * 1024;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final boolean enabled;
    private final Clock clock;

    @Autowired
    DatabaseBundles(JdbcClient jdbc, PlatformTransactionManager transactions, BuilderProperties properties) {
        this(jdbc, new TransactionTemplate(transactions), properties.replica().bundlesInDatabase(), Clock.systemUTC());
    }

    DatabaseBundles(JdbcClient jdbc, TransactionTemplate transactions, boolean enabled, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.enabled = enabled;
        this.clock = clock;
    }

    /** Whether BUNDLE_STORE=database: uploads are written here and missing bundles read from here. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Writes the archive under its id, all chunks in one transaction. A bundle already there (the
     * same bytes uploaded before, or at the same moment through another replica) is only touched.
     */
    public void put(BundleId id, Path file) {
        if (contains(id)) {
            touch(id);
            return;
        }
        try {
            transactions.executeWithoutResult(status -> write(id, file));
        } catch (DuplicateKeyException e) {
            touch(id); // another replica stored the same bytes first
        } catch (DataAccessException e) {
            throw new BundleUnavailableException(
                    "could not keep bundle " + id + " in the database (BUNDLE_STORE=database): "
                            + e.getMostSpecificCause().getMessage() + "; try the upload again",
                    e);
        }
    }

    private void write(BundleId id, Path file) {
        Timestamp now = Timestamp.from(clock.instant());
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[CHUNK_SIZE];
            int seq = 0;
            long size = 0;
            int n;
            while ((n = in.readNBytes(buffer, 0, CHUNK_SIZE)) > 0) {
                jdbc.sql("INSERT INTO stored_bundle_chunks (bundle_id, seq, data) VALUES (:id, :seq, :data)")
                        .param("id", id.value())
                        .param("seq", seq++)
                        .param("data", n == CHUNK_SIZE ? buffer : Arrays.copyOf(buffer, n))
                        .update();
                size += n;
            }
            jdbc.sql("INSERT INTO stored_bundles (id, size, chunks, created_at, last_used_at) VALUES (:id, :size,"
                            + " :chunks, :now, :now)")
                    .param("id", id.value())
                    .param("size", size)
                    .param("chunks", seq)
                    .param("now", now)
                    .update();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read bundle " + id + " to store it in the database", e);
        }
    }

    /** Whether the database holds this bundle (always false when the store is local). */
    public boolean contains(BundleId id) {
        return enabled && chunksOf(id).isPresent();
    }

    /**
     * Copies a stored bundle into {@code out}, chunk by chunk; false when the database has no such
     * bundle (removed meanwhile, or never stored).
     */
    boolean copyTo(BundleId id, OutputStream out) throws IOException {
        Optional<Integer> chunks = chunksOf(id);
        if (chunks.isEmpty()) {
            return false;
        }
        for (int seq = 0; seq < chunks.get(); seq++) {
            List<byte[]> data = jdbc.sql("SELECT data FROM stored_bundle_chunks WHERE bundle_id = :id AND seq = :seq")
                    .param("id", id.value())
                    .param("seq", seq)
                    .query((rs, row) -> rs.getBytes(1))
                    .list();
            if (data.isEmpty()) {
                return false; // removed while being read
            }
            out.write(data.get(0));
        }
        touch(id);
        return true;
    }

    /** Marks a bundle as used now: BUNDLE_RETENTION_DAYS counts from its last use on any replica. */
    public void touch(BundleId id) {
        if (enabled) {
            jdbc.sql("UPDATE stored_bundles SET last_used_at = :now WHERE id = :id")
                    .param("now", Timestamp.from(clock.instant()))
                    .param("id", id.value())
                    .update();
        }
    }

    /**
     * Deletes the bundles last used before {@code cutoff}, except those in {@code keep} (the
     * bundles of queued and running builds); the retention clean-up calls it with
     * BUNDLE_RETENTION_DAYS. Answers how many it removed.
     */
    public int removeUnusedBefore(Instant cutoff, Set<String> keep) {
        if (!enabled) {
            return 0;
        }
        List<String> old = jdbc.sql("SELECT id FROM stored_bundles WHERE last_used_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .query(String.class)
                .list();
        int removed = 0;
        for (String id : old) {
            if (keep.contains(id)) {
                continue;
            }
            Integer rows = transactions.execute(status -> {
                int n = jdbc.sql("DELETE FROM stored_bundles WHERE id = :id AND last_used_at < :cutoff")
                        .param("id", id)
                        .param("cutoff", Timestamp.from(cutoff))
                        .update();
                if (n > 0) {
                    jdbc.sql("DELETE FROM stored_bundle_chunks WHERE bundle_id = :id")
                            .param("id", id)
                            .update();
                }
                return n;
            });
            removed += rows == null ? 0 : rows;
        }
        return removed;
    }

    private Optional<Integer> chunksOf(BundleId id) {
        return jdbc.sql("SELECT chunks FROM stored_bundles WHERE id = :id")
                .param("id", id.value())
                .query(Integer.class)
                .optional();
    }
}
