package io.daas.builder.push;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildPush;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.PushStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The push of each build as the API shows it: a pending push of a build that made no image is skipped. */
@Component
public class PushViews {

    private final BuildPushRepository pushes;

    PushViews(BuildPushRepository pushes) {
        this.pushes = pushes;
    }

    /** The push of a build that asked for one, or null. */
    public BuildPush pushOf(Build build) {
        return pushes.find(build.id()).map(p -> view(build, p)).orElse(null);
    }

    /** The push of each of the given builds that asked for one, by build id. */
    public Map<String, BuildPush> pushesOf(List<Build> of) {
        Map<String, Build> byId = new HashMap<>();
        of.forEach(b -> byId.put(b.id(), b));
        Map<String, BuildPush> views = new HashMap<>();
        for (PushRecord p : pushes.findAll(List.copyOf(byId.keySet()))) {
            views.put(p.buildId(), view(byId.get(p.buildId()), p));
        }
        return views;
    }

    private static BuildPush view(Build b, PushRecord p) {
        boolean neverRan =
                p.status() == PushStatus.PENDING && b.status().isFinal() && b.status() != BuildStatus.SUCCESS;
        return neverRan
                ? p.with(PushStatus.SKIPPED, null, "The build produced no image, so nothing was pushed")
                        .view()
                : p.view();
    }
}
