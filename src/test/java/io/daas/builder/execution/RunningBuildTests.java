package io.daas.builder.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.BuildStatusChanged;
import io.daas.builder.engine.BuiltImage;
import io.daas.builder.support.TestBuilds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;

class RunningBuildTests {

    /** Keeps what would be written, without a database. */
    static final class Saved extends BuildRepository {
        final List<Build> updates = new ArrayList<>();

        Saved() {
            super(null, null);
        }

        @Override
        public void update(Build build) {
            updates.add(build);
        }
    }

    private final Saved saved = new Saved();
    private final List<String> heard = new ArrayList<>();
    private final ApplicationEventPublisher events = event -> {
        if (event instanceof BuildStatusChanged changed) {
            heard.add(changed.previous().wireName() + " -> "
                    + changed.build().status().wireName());
        }
    };

    private RunningBuild building() {
        return new RunningBuild(
                TestBuilds.of(BuildStatus.BUILDING, 50, "Step 2/2 : RUN x"), saved, events, Clock.systemUTC());
    }

    @Test
    void aFailedPushEndsTheBuildFailedWithItsImageAndTellsTheListeners() {
        RunningBuild state = building();

        state.failPush(new BuiltImage("sha256:abc", 42), "daas-app:b1", "Push failed: registry down");

        Build ended = state.build();
        assertThat(ended.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(ended.imageId()).isEqualTo("sha256:abc");
        assertThat(ended.error()).isEqualTo("Push failed: registry down");
        assertThat(ended.endedAt()).isNotNull();
        assertThat(saved.updates).containsExactly(ended);
        assertThat(heard).containsExactly("building -> failed");
    }

    @Test
    void aSuccessTellsTheListenersToo() {
        RunningBuild state = building();

        state.succeed(new BuiltImage("sha256:abc", 42), "daas-app:b1");

        assertThat(state.build().progress()).isEqualTo(100);
        assertThat(heard).containsExactly("building -> success");
    }
}
