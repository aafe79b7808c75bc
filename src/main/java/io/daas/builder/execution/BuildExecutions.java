package io.daas.builder.execution;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildRepository;
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

    public BuildExecution of(Build build) {
        return new BuildExecution(new RunningBuild(build, repository, events, clock), steps, tracker);
    }
}
