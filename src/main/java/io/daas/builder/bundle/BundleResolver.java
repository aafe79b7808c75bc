package io.daas.builder.bundle;

import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** Finds the archive of a bundle: in the local store first, then (for blob ids) in Walrus. */
@Component
public class BundleResolver {

    private final BundleStore store;

    BundleResolver(BundleStore store) {
        this.store = store;
    }

    /** Whether a build of this bundle can be accepted now (an unknown upload digest cannot). */
    public boolean isKnownOrRemote(BundleId id) {
        return store.contains(id) || !id.isLocalDigest();
    }

    /** The archive file of the bundle; throws {@link BundleNotFoundException} when there is none. */
    public Path fetch(BundleId id) {
        if (store.contains(id)) {
            return store.pathOf(id);
        }
        throw new BundleNotFoundException(id);
    }
}
