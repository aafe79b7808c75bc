package io.daas.builder.lifecycle;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildFilter;
import io.daas.builder.builds.BuildNotFoundException;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.bundle.BundleId;
import io.daas.builder.execution.BuildExecution;
import io.daas.builder.execution.BuildExecutions;
import io.daas.builder.push.PushService;
import io.daas.builder.security.Caller;
import io.daas.builder.webhook.WebhookNotifier;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Service;

/** Accepts builds, runs them in the background at most MAX_CONCURRENT_BUILDS at a time, answers about them. */
@Service
public class BuildService implements InitializingBean, DisposableBean {

    static final String RESTART_MESSAGE = BuildExecution.RESTART_MESSAGE;

    private final BuildRepository repository;
    private final BuildExecutions executions;
    private final PushService pushes;
    private final BuildDispatch queue;
    private final WebhookNotifier webhooks;
    private final SubmissionChecks checks;

    BuildService(
            BuildRepository repository,
            BuildExecutions executions,
            PushService pushes,
            BuildDispatch queue,
            WebhookNotifier webhooks,
            SubmissionChecks checks) {
        this.webhooks = webhooks;
        this.checks = checks;
        this.repository = repository;
        this.executions = executions;
        this.pushes = pushes;
        this.queue = queue;
    }

    /**
     * Records a new build as pending and queues it; returns at once. The build belongs to the
     * caller's tenant; a bundle digest the tenant never uploaded is not found. Tenants (not admins)
     * are held to BUILD_RATE_LIMIT submissions a minute.
     */
    public Build submit(NewBuild request) {
        return submit(request, false);
    }

    /**
     * As {@link #submit(NewBuild)}, for a build that must run on this replica (with several): one
     * whose image is compared with an image on this replica's engine.
     */
    public Build submitHere(NewBuild request) {
        return submit(request, true);
    }

    private Build submit(NewBuild request, boolean here) {
        Caller caller = request.caller();
        BundleId bundleId = checks.check(request);
        queue.checkCapacity(caller.tenant());
        // Without tokens (the open local mode) there is no tenant worth labelling the image with.
        String wallet = request.walletAddress() != null
                ? request.walletAddress()
                : caller.equals(Caller.open()) ? null : caller.tenant();
        String id = UUID.randomUUID().toString();
        pushes.requestAutoPush(id, request.push(), caller);
        Build build = Build.pending(id, bundleId.value(), request.options(), caller.tenant(), wallet);
        repository.insert(build);
        try {
            queue.submit(executions.of(build), here);
        } catch (QueueFullException e) {
            repository.delete(id);
            pushes.forget(id);
            throw e;
        }
        if (request.callbackUrl() != null) {
            webhooks.register(id, request.callbackUrl());
        }
        return build;
    }

    /** A build, with its place in the queue while it waits. Not for the API: see {@link TenantScope}. */
    public Build get(String id) {
        BuildExecution running = queue.running(id);
        if (running != null) {
            // a running build's record is in memory: status polls need no database round trip
            return running.snapshot();
        }
        Build build = repository.find(id).orElseThrow(() -> new BuildNotFoundException(id));
        if (build.status() == BuildStatus.PENDING) {
            int position = queue.position(id);
            if (position > 0) {
                return build.withCurrentStep("Queued (position " + position + ")");
            }
        }
        return build;
    }

    /**
     * A build the caller may see: another tenant's build is not found, as if it did not exist.
     * Every API and push path takes this one.
     */
    public Build get(String id, Caller caller) {
        Build build = get(id);
        if (!caller.mayAccess(build.tenant())) {
            throw new BuildNotFoundException(id);
        }
        return build;
    }

    /** The builds the caller may see that pass the filter, newest first. */
    public List<Build> list(Caller caller, BuildFilter filter) {
        return repository.findAll(caller.isAdmin() ? null : caller.tenant(), filter);
    }

    /** How many builds the caller may see pass the filter, whatever its page. */
    public int count(Caller caller, BuildFilter filter) {
        return repository.count(caller.isAdmin() ? null : caller.tenant(), filter);
    }

    /** Cancels a build the caller may see; another tenant's build is not found. */
    public CancelOutcome cancel(String id, Caller caller) {
        get(id, caller);
        return cancel(id);
    }

    /** Builds waiting for a slot. */
    public int queueDepth() {
        return queue.waitingCount();
    }

    /** Ids of the builds running now. */
    List<String> runningIds() {
        return queue.runningIds();
    }

    /** Builds running now. */
    public int runningCount() {
        return queue.runningCount();
    }

    /**
     * Stops a pending or running build: a waiting one leaves the queue, a running one is stopped
     * on the engine (waiting up to 5 s for it to end). A build that already ended is left as it is.
     */
    public CancelOutcome cancel(String id) {
        Build build = get(id);
        if (build.status().isFinal()) {
            return new CancelOutcome(false, build.status());
        }
        return queue.cancel(build);
    }

    /** After a restart: a build that was running cannot be resumed; a queued one runs again. */
    @Override
    public void afterPropertiesSet() {
        queue.recover();
    }

    /** On shutdown: see {@link BuildDispatch#close()}. */
    @Override
    public void destroy() {
        queue.close();
    }
}
