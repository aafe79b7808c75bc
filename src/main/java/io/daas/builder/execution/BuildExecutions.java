package io.daas.builder.execution;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.BuildStatusChanged;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Makes the execution of a new or re-queued build: its {@link RunningBuild} and the steps that run it. */
@Component
public class BuildExecutions {

    private final BuildRepository repository;
    private final ApplicationEventPublisher events;
    private final StepsRunner steps;
    private final BuildTracker tracker;
    private final Clock clock = Clock.systemUTC();

    BuildExecutions(
            BuildRepository repository, ApplicationEventPublisher events, StepsRunner steps, BuildTracker tracker) {
        this.repository = repository;
        this.events = events;
        this.steps = steps;
        this.tracker = tracker;
    }

    /**
     * Ends a build that is not running here (its replica is gone, or it only waited), if its stored
     * status is still {@code expected}: stored, and its listeners (metrics, webhook) hear of it once,
     * whichever replica ends it. True when this call ended it.
     */
    public boolean endElsewhere(Build build, BuildStatus expected, BuildStatus status, String error) {
        Build ended = build.ended(status, error, clock.instant());
        if (!repository.updateIfStatus(ended, expected)) {
            return false;
        }
        BuildEventsOut.publish(events, new BuildStatusChanged(ended, build.status()));
        tracker.endedWithoutRunning(ended);
        return true;
    }

    public BuildExecution of(Build build) {
        return new BuildExecution(new RunningBuild(build, repository, events, clock), steps, tracker);
    }
}
