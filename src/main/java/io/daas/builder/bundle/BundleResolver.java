package io.daas.builder.bundle;

import io.daas.builder.walrus.BlobNotFoundException;
import io.daas.builder.walrus.BlobTooLargeException;
import io.daas.builder.walrus.WalrusClient;
import io.daas.builder.walrus.WalrusException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds the archive of a bundle: in the local store first (uploads, and blobs fetched before),
 * then in the database when BUNDLE_STORE=database (uploads through other replicas), then, for Walrus
 * blob ids, in Walrus, keeping what it fetched so the next build reads it from disk.
 */
@Component
public class BundleResolver {

    private static final Logger log = LoggerFactory.getLogger(BundleResolver.class);
    private static final int LOCK_STRIPES = 64;

    private final BundleStore store;
    private final WalrusClient walrus;
    private final DatabaseBundles database;
    private final Object[] locks = new Object[LOCK_STRIPES];

    BundleResolver(BundleStore store, WalrusClient walrus, DatabaseBundles database) {
        this.store = store;
        this.walrus = walrus;
        this.database = database;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Whether a build of this bundle can be accepted now (an unknown upload digest cannot). */
    public boolean isKnownOrRemote(BundleId id) {
        return store.contains(id) || !id.isLocalDigest() || database.contains(id);
    }

    /**
     * The archive file of the bundle. Throws {@link BundleNotFoundException} when neither the store
     * nor Walrus has it, {@link BundleTooLargeException} or {@link BundleUnavailableException}.
     */
    public Path fetch(BundleId id) {
        if (store.contains(id)) {
            store.touch(id);
            database.touch(id);
            return store.pathOf(id);
        }
        // two builds of the same new blob download it once
        synchronized (locks[Math.floorMod(id.hashCode(), LOCK_STRIPES)]) {
            if (store.contains(id)) {
                return store.pathOf(id);
            }
            if (database.enabled() && copyFromDatabase(id)) {
                return store.pathOf(id);
            }
            if (id.isLocalDigest()) {
                throw new BundleNotFoundException(id);
            }
            return download(id);
        }
    }

    /** Copies a bundle another replica stored into the local store; false when the database lacks it. */
    private boolean copyFromDatabase(BundleId id) {
        Path temp = store.newTempFile();
        long started = System.nanoTime();
        try {
            boolean found;
            try (OutputStream out = Files.newOutputStream(temp)) {
                found = database.copyTo(id, out);
            }
            if (!found) {
                return false;
            }
            if (!store.keepCopy(id, temp)) {
                throw new BundleUnavailableException(
                        "bundle " + id + " in the database does not match its digest: upload it again", null);
            }
            log.info("copied bundle {} from the database in {} ms", id, (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (IOException e) {
            throw new BundleUnavailableException(
                    "could not copy bundle " + id + " from the database: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a stale temp file is harmless
            }
        }
    }

    private Path download(BundleId id) {
        Path temp = store.newTempFile();
        long started = System.nanoTime();
        try {
            long size = walrus.read(id.value(), temp);
            log.info(
                    "fetched blob {} from Walrus: {} bytes in {} ms",
                    id,
                    size,
                    (System.nanoTime() - started) / 1_000_000);
            return store.keepFetched(id, temp);
        } catch (BlobNotFoundException e) {
            throw new BundleNotFoundException(e.getMessage());
        } catch (BlobTooLargeException e) {
            throw new BundleTooLargeException(e.getMessage());
        } catch (WalrusException e) {
            throw new BundleUnavailableException(e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a stale temp file is harmless
            }
        }
    }
}
