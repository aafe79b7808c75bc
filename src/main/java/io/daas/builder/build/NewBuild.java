package io.daas.builder.build;

/** A request to build a bundle, and optionally to push the image when it is built. */
public record NewBuild(String bundleId, BuildOptions options, PushRequest push) {

    public NewBuild(String bundleId, BuildOptions options) {
        this(bundleId, options, null);
    }
}
