package io.daas.builder.build;

/** A request to build a bundle. */
public record NewBuild(String bundleId, BuildOptions options) {}
