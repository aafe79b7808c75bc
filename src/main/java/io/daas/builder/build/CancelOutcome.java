package io.daas.builder.build;

/** What a cancel request did: cancelled a live build, or found it already ended. */
public record CancelOutcome(boolean cancelled, BuildStatus status) {}
