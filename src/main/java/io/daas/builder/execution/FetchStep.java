package io.daas.builder.execution;

import io.daas.builder.builds.BuildPhase;
import io.daas.builder.bundle.BundleId;
import io.daas.builder.bundle.BundleResolver;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** Fetches the build's bundle: from the local store, else from Walrus; returns the archive's path. */
@Component
class FetchStep {

    private final BundleResolver bundles;

    FetchStep(BundleResolver bundles) {
        this.bundles = bundles;
    }

    Path run(RunningBuild running) {
        running.phase(BuildPhase.FETCH, "Fetching bundle", 1);
        return bundles.fetch(BundleId.parse(running.build().bundleId()));
    }
}
