package io.daas.builder.bundle;

import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.WalrusSettings;
import io.daas.builder.walrus.StoredBlob;
import io.daas.builder.walrus.WalrusClient;
import io.daas.builder.walrus.WalrusException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes uploads: always validated into the local store; also into the database when
 * BUNDLE_STORE=database (every replica can build it), and in Walrus when WALRUS_UPLOAD is on. If Walrus fails, the upload stays local and the answer says why (docs/decisions.md).
 */
@Component
public class BundleUploads {

    private static final Logger log = LoggerFactory.getLogger(BundleUploads.class);

    private final BundleStore store;
    private final WalrusClient walrus;
    private final WalrusSettings settings;
    private final DatabaseBundles database;

    BundleUploads(BundleStore store, WalrusClient walrus, BuilderProperties properties, DatabaseBundles database) {
        this.store = store;
        this.database = database;
        this.walrus = walrus;
        this.settings = properties.walrus();
    }

    /** Stores an upload; throws {@link InvalidBundleException} or {@link BundleTooLargeException}. */
    public UploadedBundle upload(InputStream body) {
        StoredBundle local = store.save(body);
        String storage = "local";
        if (database.enabled()) {
            database.put(local.id(), store.pathOf(local.id()));
            storage = "database";
        }
        if (!settings.uploadsToWalrus()) {
            return new UploadedBundle(local.id(), local.size(), local.id(), storage, null);
        }
        try {
            StoredBlob blob = walrus.store(store.pathOf(local.id()));
            BundleId blobId = BundleId.parse(blob.blobId());
            store.alias(local.id(), blobId);
            return new UploadedBundle(blobId, local.size(), local.id(), "walrus", null);
        } catch (WalrusException | InvalidBundleIdException e) {
            log.warn("bundle {} stays local: {}", local.id(), e.getMessage());
            return new UploadedBundle(
                    local.id(),
                    local.size(),
                    local.id(),
                    storage,
                    "Not stored in Walrus: " + e.getMessage() + ". Kept in this service's store; builds of this"
                            + " bundleId work here");
        }
    }
}
