package io.daas.builder.dockerfile;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The build a Dockerfile is checked for, and what the policy may ask about images.
 *
 * @param tenant the tenant the build belongs to
 * @param buildArgs the request's build args
 * @param readableOnDefaultRegistry whether this tenant may use a repository path of the default registry
 * @param buildTenants the tenant of a build id, empty when there is no such build
 * @param localImages the engine's image under a reference, empty when the engine has none
 */
public record FetchContext(
        String tenant,
        Map<String, String> buildArgs,
        Predicate<String> readableOnDefaultRegistry,
        Function<String, Optional<String>> buildTenants,
        Function<String, Optional<LocalImage>> localImages) {

    public FetchContext {
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
    }

    /**
     * An image the engine already has, which a FROM would use without pulling.
     *
     * @param buildId its {@code daas.build.id} label (the build that made it), or null
     * @param onBuild its ONBUILD triggers, which run in a build that starts from it
     */
    public record LocalImage(String buildId, List<String> onBuild) {

        public LocalImage {
            onBuild = onBuild == null ? List.of() : List.copyOf(onBuild);
        }
    }
}
