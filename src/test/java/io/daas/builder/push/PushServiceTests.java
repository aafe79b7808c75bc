package io.daas.builder.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildNotSuccessfulException;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.builds.BuildPush;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.BuildStatusChanged;
import io.daas.builder.builds.PushStatus;
import io.daas.builder.registry.PushedImage;
import io.daas.builder.registry.RegistryCredentialsRefusedException;
import io.daas.builder.registry.RegistryUnreachableException;
import io.daas.builder.support.FakeBuild;
import io.daas.builder.support.FakeEngineTest;
import io.daas.builder.support.FakePusher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Pushes, at the end of a build and on request, on the fake engine and pusher: what reaches the
 * pusher, what the build and its push record say, and that a password reaches nothing but the pusher.
 * The default registry is 127.0.0.1:5999 with user robot.
 */
@RecordApplicationEvents
class PushServiceTests extends FakeEngineTest {

    private static final String REQUEST_PASSWORD = "request-pass-8c1f0e";

    @Autowired
    private PushService pushes;

    @Autowired
    private PushViews pushViews;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ApplicationEvents events;

    @Test
    void aBuildThatAskedForAPushPushesItsImageAndRecordsTheDigest() {
        Build build =
                ended(submit(A, BuildOptions.defaults(), PushRequest.defaults()).id());

        assertThat(build.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(pusher.pushes()).singleElement().satisfies(push -> {
            assertThat(push.localImage()).isEqualTo(build.imageId());
            assertThat(push.target().registry()).isEqualTo("127.0.0.1:5999");
            assertThat(push.target().tag()).isEqualTo(build.id());
            assertThat(push.target().credentials().username()).isEqualTo("robot");
        });
        String reference = pusher.pushes().get(0).target().reference();
        assertThat(pushViews.pushOf(build))
                .isEqualTo(new BuildPush(PushStatus.PUSHED, reference, FakePusher.digestOf(reference), null));
    }

    @Test
    void aBuildWithoutAPushRequestPushesNothing() {
        Build build = ended(submit(A).id());

        assertThat(build.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(pusher.pushes()).isEmpty();
        assertThat(pushViews.pushOf(build)).isNull();
    }

    @Test
    void refusedCredentialsFailTheBuildButKeepItsImage() {
        pusher.nextFailsWith("unauthorized: authentication required");

        Build build =
                ended(submit(A, BuildOptions.defaults(), PushRequest.defaults()).id());

        assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(build.error())
                .startsWith("Push failed: Registry 127.0.0.1:5999 refused the credentials of user 'robot'");
        assertThat(build.imageId()).isNotNull();
        assertThat(engine.hasImage(build.imageTag())).isTrue();
        assertThat(pushViews.pushOf(build).status()).isEqualTo(PushStatus.FAILED);
        assertThat(pushViews.pushOf(build).error()).contains("refused the credentials");
    }

    @Test
    void aBuildThatFailedOnlyInItsPushSucceedsWhenPushedAgain() {
        pusher.nextFailsWith("dial tcp 127.0.0.1:5999: connect: connection refused");
        Build failed =
                ended(submit(A, BuildOptions.defaults(), PushRequest.defaults()).id());
        assertThat(failed.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(pushViews.pushOf(failed).error()).contains("is not reachable from the Docker engine");

        PushedImage pushed = pushes.push(failed.id(), PushRequest.defaults(), A);

        assertThat(builds.get(failed.id()).status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(pushed.digest()).isEqualTo(FakePusher.digestOf(pushed.registryTag()));
        assertThat(pushViews.pushOf(builds.get(failed.id())).status()).isEqualTo(PushStatus.PUSHED);
        assertThat(pusher.pushes())
                .hasSize(2)
                .allSatisfy(p -> assertThat(p.localImage()).isEqualTo(failed.imageId()));
    }

    @Test
    void aRePushThatMakesABuildSuccessfulIsHeardAsAStatusChange() {
        pusher.nextFailsWith("dial tcp 127.0.0.1:5999: connect: connection refused");
        Build failed =
                ended(submit(A, BuildOptions.defaults(), PushRequest.defaults()).id());

        pushes.push(failed.id(), PushRequest.defaults(), A);

        assertThat(events.stream(BuildStatusChanged.class)).singleElement().satisfies(changed -> {
            assertThat(changed.previous()).isEqualTo(BuildStatus.FAILED);
            assertThat(changed.build().id()).isEqualTo(failed.id());
            assertThat(changed.build().status()).isEqualTo(BuildStatus.SUCCESS);
        });
    }

    @Test
    void aSuccessfulBuildIsPushedAgainToAnotherTag() {
        Build build = ended(submit(A).id());

        PushedImage pushed = pushes.push(build.id(), new PushRequest(null, null, null, null, "web", "v2"), A);

        assertThat(pushed.registryTag()).startsWith("127.0.0.1:5999/").endsWith("/web:v2");
        assertThat(pusher.pushes()).singleElement().satisfies(p -> {
            assertThat(p.localImage()).isEqualTo(build.imageId());
            assertThat(p.target().reference()).isEqualTo(pushed.registryTag());
        });
    }

    @Test
    void aFailedPushOnRequestSaysWhyAndIsRecorded() {
        Build build = ended(submit(A).id());
        pusher.nextFailsWith("unauthorized: authentication required");

        assertThatThrownBy(() -> pushes.push(build.id(), PushRequest.defaults(), A))
                .isInstanceOf(RegistryCredentialsRefusedException.class)
                .hasMessageContaining("check registry.username and registry.password");
        assertThat(pushViews.pushOf(build).status()).isEqualTo(PushStatus.FAILED);
        assertThat(builds.get(build.id()).status())
                .as("a successful build stays successful")
                .isEqualTo(BuildStatus.SUCCESS);
    }

    @Test
    void anUnreachableRegistryOnRequestIsTheRegistrysFault() {
        Build build = ended(submit(A).id());
        pusher.nextFailsWith("Get https://127.0.0.1:5999/v2/: dial tcp: i/o timeout");

        assertThatThrownBy(() -> pushes.push(build.id(), PushRequest.defaults(), A))
                .isInstanceOf(RegistryUnreachableException.class)
                .hasMessageContaining("check registry.url");
    }

    @Test
    void theEngineGoneDuringAnAutoPushFailsTheBuildSayingSo() {
        pusher.nextFindsTheEngineGone();

        Build build =
                ended(submit(A, BuildOptions.defaults(), PushRequest.defaults()).id());

        assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(build.error()).startsWith("Push failed: Docker engine at fake://engine is not reachable");
        assertThat(pushViews.pushOf(build).status()).isEqualTo(PushStatus.FAILED);
    }

    @Test
    void aBuildWithoutAnImageCannotBePushed() {
        engine.nextBuilds(FakeBuild.Script.fails("The command '/bin/sh -c false' returned a non-zero code: 1"));
        Build failed = ended(submit(A).id());

        assertThatThrownBy(() -> pushes.push(failed.id(), PushRequest.defaults(), A))
                .isInstanceOf(BuildNotSuccessfulException.class);
        assertThat(pusher.pushes()).isEmpty();
    }

    @Test
    void aPasswordGivenWithTheRequestReachesThePusherAndNothingElse() {
        pusher.nextFailsWith("denied: requested access to the resource is denied (password " + REQUEST_PASSWORD + ")");
        PushRequest request = new PushRequest("127.0.0.1:5999", "alice", REQUEST_PASSWORD, null, null, null);
        engine.nextBuilds(FakeBuild.Script.succeeds().printing("echo " + REQUEST_PASSWORD));

        Build build = ended(submit(A, BuildOptions.defaults(), request).id());

        assertThat(pusher.pushes()).singleElement().satisfies(p -> {
            assertThat(p.target().credentials().username()).isEqualTo("alice");
            assertThat(p.target().credentials().password()).isEqualTo(REQUEST_PASSWORD);
        });
        assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(build.error()).contains("rejected the push").doesNotContain(REQUEST_PASSWORD);
        assertThat(pushViews.pushOf(build).toString()).doesNotContain(REQUEST_PASSWORD);
        assertThat(recentLogs(build.id())).isNotEmpty().noneMatch(l -> l.contains(REQUEST_PASSWORD));
        for (String table : List.of("builds", "build_pushes", "build_log_chunks")) {
            List<Map<String, Object>> rows =
                    jdbc.sql("select * from " + table).query().listOfRows();
            assertThat(rows.toString()).as(table).doesNotContain(REQUEST_PASSWORD);
        }
    }
}
