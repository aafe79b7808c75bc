package io.daas.builder.builds;

/**
 * What other parts of the service hear about builds. Implement it in a bean; each method is called
 * on the build's own thread, so keep it quick and hand slow work (network calls) to another thread.
 */
public interface BuildEvents {

    /** The build's status changed, as stored: to building, or to a final status. */
    default void statusChanged(Build build, BuildStatus previous) {}

    /** The build ended: its log is complete and its figures are stored. */
    default void finished(Build build, BuildFigures figures) {}
}
