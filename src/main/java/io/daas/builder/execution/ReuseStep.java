package io.daas.builder.execution;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.detect.DetectionSettings;
import io.daas.builder.engine.BuiltImage;
import io.daas.builder.engine.ImageEngine;
import io.daas.builder.verify.VerifiableSteps;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Keys the build by what it builds ({@link BuildCacheKey}) and, when an identical earlier build's
 * image is still on the engine, tags that image for this build instead of building again.
 */
@Component
class ReuseStep {

    private final BuilderProperties properties;
    private final BuildRepository repository;
    private final ImageEngine engine;
    private final DetectionSettings detection;
    private final VerifiableSteps verifiable;

    ReuseStep(
            BuilderProperties properties,
            BuildRepository repository,
            ImageEngine engine,
            DetectionSettings detection,
            VerifiableSteps verifiable) {
        this.properties = properties;
        this.repository = repository;
        this.engine = engine;
        this.detection = detection;
        this.verifiable = verifiable;
    }

    /** The earlier build's image, tagged {@code tag}; empty when the build must run. */
    Optional<BuiltImage> run(RunningBuild running, String tag) {
        String cacheKey = BuildCacheKey.of(running.build(), detection);
        repository.setCacheKey(running.id(), cacheKey);
        if (!properties.reuseIdenticalBuilds() || running.build().options().noCache()) {
            return Optional.empty();
        }
        Optional<Build> earlier = repository.findReusable(cacheKey);
        if (earlier.isEmpty() || !engine.hasImage(earlier.get().imageId())) {
            return Optional.empty();
        }
        Build source = earlier.get();
        engine.tag(source.imageId(), tag);
        running.log("Reusing the image of identical build " + source.id() + " (" + source.imageId()
                + "); set buildOptions.noCache to build again");
        verifiable.reuse(running.build(), source);
        return Optional.of(new BuiltImage(source.imageId(), source.size() == null ? 0 : source.size()));
    }
}
