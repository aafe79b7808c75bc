package io.daas.builder.registry;

/** An image the registry accepted: the tag it was pushed as and the manifest digest it reported. */
public record PushedImage(String registryTag, String digest) {}
