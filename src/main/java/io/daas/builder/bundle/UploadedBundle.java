package io.daas.builder.bundle;

/**
 * An accepted upload.
 *
 * @param id the id builds use: the Walrus blob id when it went to Walrus, else the digest
 * @param size bytes
 * @param digest the SHA-256 of the bytes, under which this service keeps them too
 * @param storage "walrus" or "local"
 * @param note why an upload meant for Walrus stayed local, else null
 */
public record UploadedBundle(BundleId id, long size, BundleId digest, String storage, String note) {}
