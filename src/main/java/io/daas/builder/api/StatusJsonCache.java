package io.daas.builder.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildMeasurements;
import io.daas.builder.builds.BuildPush;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.BuildView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The JSON answer of {@code GET /api/docker/build/{id}}. Status polls of running builds are the
 * hottest path of the service, so a running ({@code building}) build's answer is made once and served again while
 * nothing in it changed: the same record, the same log tail and the same push, and timing fields
 * (phase durations, eta) at most {@link #MAX_AGE} old. Status, progress, step and log lines are
 * always current: any change to them is a new record or a new tail.
 */
@Component
class StatusJsonCache {

    static final Duration MAX_AGE = Duration.ofMillis(100);
    private static final long MAX_AGE_MILLIS = MAX_AGE.toMillis();

    private final ObjectMapper json;
    /** Bytes of answers kept: a 100-line tail of long lines makes answers of a megabyte or more. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final Cache<String, Answer> answers = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((String id, Answer a) -> a.body().length)
            .expireAfterWrite(Duration.ofSeconds(10))
            .build();

    private final Clock clock;

    @Autowired
    StatusJsonCache(ObjectMapper json) {
        this(json, Clock.systemUTC());
    }

    StatusJsonCache(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    private record Answer(Build build, List<String> logs, BuildPush push, long madeAt, byte[] body) {

        boolean holdsFor(Build b, List<String> l, BuildPush p, long now) {
            return build == b && logs == l && Objects.equals(push, p) && now - madeAt < MAX_AGE_MILLIS;
        }
    }

    /** The answer's bytes: {@code {"success":true,"data":{...}}} with the build's full view. */
    byte[] of(Build build, List<String> logs, BuildPush push, Supplier<BuildMeasurements> figures) {
        if (build.status() != BuildStatus.BUILDING) {
            // pending: its queue position is new each time; ended: read from the store each time
            answers.invalidate(build.id());
            return write(build, logs, push, figures.get());
        }
        long now = clock.millis();
        Answer known = answers.getIfPresent(build.id());
        if (known != null && known.holdsFor(build, logs, push, now)) {
            return known.body();
        }
        byte[] body = write(build, logs, push, figures.get());
        answers.put(build.id(), new Answer(build, logs, push, now, body));
        return body;
    }

    private byte[] write(Build build, List<String> logs, BuildPush push, BuildMeasurements figures) {
        return json.writeValueAsBytes(new BuildController.One(true, BuildView.of(build, logs, push, figures)));
    }
}
