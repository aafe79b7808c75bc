package io.daas.builder.bundle;

/** A bundle kept in the local store: its id and size in bytes. */
public record StoredBundle(BundleId id, long size) {}
