package io.daas.builder.builds;

/**
 * A build's status changed, as stored: to building, or to a final status (also a re-pushed build
 * that now counts as successful). Published through Spring's {@code ApplicationEventPublisher} on
 * the build's own thread: listeners keep it quick and hand slow work to another thread.
 *
 * @param build the build as stored after the change
 * @param previous its status before
 */
public record BuildStatusChanged(Build build, BuildStatus previous) {}
