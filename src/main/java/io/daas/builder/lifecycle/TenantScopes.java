package io.daas.builder.lifecycle;

import io.daas.builder.bundle.BundleOwners;
import io.daas.builder.bundle.BundleUploads;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.execution.BuildTracker;
import io.daas.builder.logs.LogStore;
import io.daas.builder.push.PushService;
import io.daas.builder.push.PushViews;
import io.daas.builder.security.Caller;
import io.daas.builder.security.TenantRateLimits;
import org.springframework.stereotype.Component;

/**
 * The API's only way to builds and bundles: {@link #of(Caller)} gives a {@link TenantScope} that
 * looks up, lists, streams, cancels and pushes only what that caller may see. The unscoped services
 * behind it are not reachable from {@code api} (ArchitectureTests).
 */
@Component
public class TenantScopes {

    final BuildService builds;
    final LogStore logs;
    final BuildTracker tracker;
    final PushService pushes;
    final PushViews pushViews;
    final PlanService plans;
    final BundleOwners owners;
    final BundleUploads uploads;
    final TenantRateLimits limits;
    final Reproductions reproductions;
    final SubmissionChecks checks;
    final BuilderProperties properties;

    TenantScopes(
            BuildService builds,
            LogStore logs,
            BuildTracker tracker,
            PushService pushes,
            PushViews pushViews,
            PlanService plans,
            BundleOwners owners,
            BundleUploads uploads,
            TenantRateLimits limits,
            Reproductions reproductions,
            SubmissionChecks checks,
            BuilderProperties properties) {
        this.properties = properties;
        this.checks = checks;
        this.builds = builds;
        this.logs = logs;
        this.tracker = tracker;
        this.pushes = pushes;
        this.pushViews = pushViews;
        this.plans = plans;
        this.owners = owners;
        this.uploads = uploads;
        this.limits = limits;
        this.reproductions = reproductions;
    }

    /** What {@code caller} may see and do. */
    public TenantScope of(Caller caller) {
        return new TenantScope(caller, this);
    }
}
