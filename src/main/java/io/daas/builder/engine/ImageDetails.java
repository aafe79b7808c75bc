package io.daas.builder.engine;

import java.util.List;
import java.util.Map;

/**
 * What the engine says about a local image that matters before a build starts from it.
 *
 * @param labels its labels
 * @param onBuild its ONBUILD triggers
 */
public record ImageDetails(Map<String, String> labels, List<String> onBuild) {

    public ImageDetails {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        onBuild = onBuild == null ? List.of() : List.copyOf(onBuild);
    }
}
