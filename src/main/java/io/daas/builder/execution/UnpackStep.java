package io.daas.builder.execution;

import io.daas.builder.builds.BuildPhase;
import io.daas.builder.builds.BuildWorkspace;
import io.daas.builder.bundle.BundleExtractor;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** Unpacks the bundle into the build's context folder, safely (see {@code bundle/BundleExtractor}). */
@Component
class UnpackStep {

    private final BundleExtractor extractor;

    UnpackStep(BundleExtractor extractor) {
        this.extractor = extractor;
    }

    void run(RunningBuild running, Path archive, BuildWorkspace workspace) {
        running.phase(BuildPhase.UNPACK, "Unpacking bundle", 2);
        extractor.extract(archive, workspace.context());
    }
}
