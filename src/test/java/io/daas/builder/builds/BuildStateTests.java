package io.daas.builder.builds;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.engine.BuiltImage;
import io.daas.builder.support.TestBuilds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildStateTests {

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
    private final BuildEvents events = new BuildEvents() {
        @Override
        public void statusChanged(Build build, BuildStatus previous) {
            heard.add(previous.wireName() + " -> " + build.status().wireName());
        }
    };

    private BuildState building() {
        return new BuildState(TestBuilds.of(BuildStatus.BUILDING, 50, "Step 2/2 : RUN x"), saved, events);
    }

    @Test
    void aFailedPushEndsTheBuildFailedWithItsImageAndTellsTheListeners() {
        BuildState state = building();

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
        BuildState state = building();

        state.succeed(new BuiltImage("sha256:abc", 42), "daas-app:b1");

        assertThat(state.build().progress()).isEqualTo(100);
        assertThat(heard).containsExactly("building -> success");
    }
}
