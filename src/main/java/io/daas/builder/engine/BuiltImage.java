package io.daas.builder.engine;

/** An image the engine built: its id and size in bytes. */
public record BuiltImage(String imageId, long size) {}
