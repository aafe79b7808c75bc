package io.daas.builder.builds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/** Passes build events to every {@link BuildEvents} bean; one failing listener does not stop the others. */
public final class BuildEventBus implements BuildEvents {

    private static final Logger log = LoggerFactory.getLogger(BuildEventBus.class);

    private final ObjectProvider<BuildEvents> listeners;

    public BuildEventBus(ObjectProvider<BuildEvents> listeners) {
        this.listeners = listeners;
    }

    @Override
    public void statusChanged(Build build, BuildStatus previous) {
        listeners.orderedStream().forEach(l -> {
            try {
                l.statusChanged(build, previous);
            } catch (RuntimeException e) {
                log.warn("build listener {} failed on a status change of build {}", l, build.id(), e);
            }
        });
    }

    @Override
    public void finished(Build build, BuildFigures figures) {
        listeners.orderedStream().forEach(l -> {
            try {
                l.finished(build, figures);
            } catch (RuntimeException e) {
                log.warn("build listener {} failed on the end of build {}", l, build.id(), e);
            }
        });
    }
}
