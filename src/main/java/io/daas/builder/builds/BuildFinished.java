package io.daas.builder.builds;

/**
 * A build ended: its log is complete and its figures are stored. Published through Spring's
 * {@code ApplicationEventPublisher} on the build's own thread.
 *
 * @param build the build's final record
 * @param figures what it cost
 */
public record BuildFinished(Build build, BuildMeasurements figures) {}
