package io.daas.builder.walrus;

/** A blob the publisher stored: its id, and whether Walrus already held the same bytes. */
public record StoredBlob(String blobId, boolean alreadyCertified) {}
