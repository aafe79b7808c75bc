package io.daas.builder.lifecycle;

import io.daas.builder.builds.BuildStatus;

/** What a cancel request did: cancelled a live build, or found it already ended. */
public record CancelOutcome(boolean cancelled, BuildStatus status) {}
