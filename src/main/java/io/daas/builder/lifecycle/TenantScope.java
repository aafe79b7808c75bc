package io.daas.builder.lifecycle;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildFilter;
import io.daas.builder.builds.BuildMeasurements;
import io.daas.builder.builds.BuildNotFoundException;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.builds.BuildPush;
import io.daas.builder.bundle.BundleId;
import io.daas.builder.bundle.UploadedBundle;
import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.ProjectConfig;
import io.daas.builder.plan.ResolvedDockerfile;
import io.daas.builder.push.PushRequest;
import io.daas.builder.registry.PushedImage;
import io.daas.builder.security.Caller;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * One caller's view of builds and bundles. Every lookup by id answers another tenant's build or
 * bundle exactly like an unknown one ({@link BuildNotFoundException}, 404); lists hold only the
 * caller's own builds; an admin sees all. Made by {@link TenantScopes#of}.
 */
public final class TenantScope {

    private final Caller caller;
    private final TenantScopes s;

    TenantScope(Caller caller, TenantScopes services) {
        this.caller = caller;
        this.s = services;
    }

    public Caller caller() {
        return caller;
    }

    /** A build the caller may see, with its queue place while it waits. */
    public Build build(String id) {
        return s.builds.get(id, caller);
    }

    /** The caller's builds that pass the filter, newest first. */
    public List<Build> builds(BuildFilter filter) {
        return s.builds.list(caller, filter);
    }

    /** How many of the caller's builds pass the filter, whatever its page. */
    public int count(BuildFilter filter) {
        return s.builds.count(caller, filter);
    }

    /** Records and queues a build of a bundle the caller may use. */
    public Build submit(String bundleId, BuildOptions options, PushRequest push, String walletAddress) {
        return submit(bundleId, options, push, walletAddress, null);
    }

    /** Submits a build; its end is reported to {@code callbackUrl} when one is given. */
    public Build submit(
            String bundleId, BuildOptions options, PushRequest push, String walletAddress, String callbackUrl) {
        return s.builds.submit(new NewBuild(bundleId, options, push, caller, walletAddress, callbackUrl));
    }

    /** Submits a build that must run on this replica (a reproduction, compared with an image on its engine). */
    Build submitHere(String bundleId, BuildOptions options, String walletAddress) {
        return s.builds.submitHere(new NewBuild(bundleId, options, null, caller, walletAddress, null));
    }

    /** Checks a callback URL before a build is submitted with it; an {@link IllegalArgumentException} says why not. */
    public void checkCallbackUrl(String url) {
        s.checks.checkCallbackUrl(url);
    }

    /** Cancels a build the caller may see. */
    public CancelOutcome cancel(String id) {
        return s.builds.cancel(id, caller);
    }

    /** The last STATUS_LOG_LINES log lines of a build this scope gave out. */
    public List<String> recentLogs(Build build) {
        return s.logs.tail(visible(build).id(), s.properties.statusLogLines());
    }

    /** Figures (phases, eta, peaks) of a build this scope gave out. */
    public BuildMeasurements figures(Build build) {
        return s.tracker.figures(visible(build).id());
    }

    /** The push of a build this scope gave out, or null. */
    public BuildPush push(Build build) {
        return s.pushViews.pushOf(visible(build));
    }

    /** The pushes of builds this scope gave out, by build id. */
    public Map<String, BuildPush> pushes(List<Build> builds) {
        builds.forEach(this::visible);
        return s.pushViews.pushesOf(builds);
    }

    /** The log of a build the caller may see, to read or follow. */
    public ScopedLog log(String buildId) {
        Build build = build(buildId);
        return new ScopedLog(build.id(), caller.tenant(), s.logs, s.builds);
    }

    /** Pushes the image of a build the caller may see. */
    public PushedImage pushImage(String buildId, PushRequest request) {
        return s.pushes.push(build(buildId).id(), request, caller);
    }

    /** The Dockerfile a build the caller may see used. */
    public ResolvedDockerfile dockerfile(String buildId) {
        return s.plans.dockerfileOf(build(buildId).id(), caller);
    }

    /** Starts a reproduction (a fresh rebuild, as a build of the caller's) of a build the caller may see. */
    public Reproductions.Reproduction reproduce(String buildId) {
        return s.reproductions.start(this, build(buildId));
    }

    /** The newest reproduction of a build the caller may see, if one was started. */
    public java.util.Optional<Reproductions.Reproduction> reproduction(String buildId) {
        return s.reproductions.latest(this, build(buildId));
    }

    /** Plans a bundle the caller may use, within PLAN_RATE_LIMIT. */
    public BuildPlan plan(String bundleId) {
        return plan(bundleId, ProjectConfig.none());
    }

    /** Plans a bundle the caller may use with the request's detection overrides, within PLAN_RATE_LIMIT. */
    public BuildPlan plan(String bundleId, ProjectConfig overrides) {
        BundleId.parse(bundleId);
        if (!caller.isAdmin()) {
            s.limits.plans().acquire(caller.tenant());
        }
        return s.plans.plan(bundleId, caller, s.owners, overrides);
    }

    /** Stores an upload within UPLOAD_RATE_LIMIT; the caller's tenant becomes an owner of the bundle. */
    public UploadedBundle upload(InputStream body) {
        if (!caller.isAdmin()) {
            s.limits.uploads().acquire(caller.tenant());
        }
        UploadedBundle bundle = s.uploads.upload(body);
        s.owners.add(bundle.id(), caller.tenant());
        return bundle;
    }

    private Build visible(Build build) {
        if (!caller.mayAccess(build.tenant())) {
            throw new BuildNotFoundException(build.id());
        }
        return build;
    }
}
