package io.daas.builder.execution;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/** Publishes a build event; a failing listener is logged and never fails the build. */
final class BuildEventsOut {

    private static final Logger log = LoggerFactory.getLogger(BuildEventsOut.class);

    private BuildEventsOut() {}

    static void publish(ApplicationEventPublisher events, Object event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            log.warn("a build listener failed on {}", event.getClass().getSimpleName(), e);
        }
    }
}
