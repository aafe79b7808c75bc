package io.daas.builder.push;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildNotFoundException;
import io.daas.builder.builds.BuildNotSuccessfulException;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.BuildStatusChanged;
import io.daas.builder.builds.PushStatus;
import io.daas.builder.config.RegistryProperties;
import io.daas.builder.engine.BuiltImage;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.plan.BuildFetchPolicy;
import io.daas.builder.registry.ImagePusher;
import io.daas.builder.registry.PushTarget;
import io.daas.builder.registry.PushedImage;
import io.daas.builder.registry.RegistryCredentials;
import io.daas.builder.registry.RegistryException;
import io.daas.builder.registry.TenantNamespaces;
import io.daas.builder.security.Caller;
import io.daas.builder.security.SecretSanitiser;
import io.daas.builder.verify.Attestations;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Pushes images now ({@code POST /api/docker/push}) or after a build; a request's credentials live in memory only. */
@Service
public class PushService implements InitializingBean {

    static final String CREDENTIALS_LOST = "The registry credentials given with this build were not kept across"
            + " the service restart (they are never written to disk): push the image with POST /api/docker/push,"
            + " giving them again";
    private static final Logger log = LoggerFactory.getLogger(PushService.class);

    private final BuildRepository builds;
    private final BuildPushRepository pushes;
    private final ImagePusher pusher;
    private final RegistryProperties defaults;
    private final PushTargets targets;
    private final Map<String, RegistryCredentials> held = new ConcurrentHashMap<>();
    private final Attestations attestations;
    private final ApplicationEventPublisher events;

    PushService(
            BuildRepository builds,
            BuildPushRepository pushes,
            ImagePusher pusher,
            RegistryProperties defaults,
            TenantNamespaces namespaces,
            BuildFetchPolicy fetchPolicy,
            Attestations attestations,
            ApplicationEventPublisher events) {
        this.attestations = attestations;
        this.events = events;
        this.builds = builds;
        this.pushes = pushes;
        this.pusher = pusher;
        this.defaults = defaults;
        this.targets = new PushTargets(defaults, namespaces, fetchPolicy.protectedRepositories());
    }

    /** Checks a build request's registry and records the push to run once the image is built. */
    public void requestAutoPush(String buildId, PushRequest request, Caller caller) {
        if (request == null) {
            return;
        }
        PushTargets.Resolved r = targets.resolve(buildId, request, caller);
        if (r.source() == CredentialSource.REQUEST) {
            held.put(buildId, r.target().credentials());
        }
        pushes.save(PushRecord.pending(buildId, r.target(), r.source()));
    }

    /**
     * Pushes the image of a build now. A build that failed only because its own push failed may be
     * pushed again; it then counts as successful.
     *
     * @throws BuildNotFoundException for an unknown build
     * @throws BuildNotSuccessfulException when the build has no image to push
     * @throws RegistryException when the registry refused, could not be reached, or rejected the push
     * @throws io.daas.builder.registry.PushForbiddenException when the caller may not push there
     */
    public PushedImage push(String buildId, PushRequest request, Caller caller) {
        PushTargets.Resolved r = targets.resolve(buildId, request, caller);
        Build build = builds.find(buildId).orElseThrow(() -> new BuildNotFoundException(buildId));
        boolean failedOnlyInPush = build.status() == BuildStatus.FAILED
                && build.imageId() != null
                && pushes.find(buildId)
                        .map(p -> p.status() == PushStatus.FAILED)
                        .orElse(false);
        if (build.status() != BuildStatus.SUCCESS && !failedOnlyInPush) {
            throw new BuildNotSuccessfulException();
        }
        PushRecord record = PushRecord.pending(buildId, r.target(), r.source());
        PushedImage pushed = run(record, r.target(), build.imageId() != null ? build.imageId() : build.imageTag());
        if (failedOnlyInPush) {
            // it now counts as successful, and listeners hear it as they hear any status change
            Build succeeded = build.pushedLater("Pushed to " + pushed.registryTag());
            builds.update(succeeded);
            events.publishEvent(new BuildStatusChanged(succeeded, build.status()));
        }
        return pushed;
    }

    /**
     * Pushes a just-built image when its build asked for it, as the build's last phase; {@code onStart}
     * hears the step to show ("Pushing to ...") before the push begins.
     */
    public PushOutcome pushAfterBuild(String buildId, BuiltImage image, Consumer<String> onStart) {
        Optional<PushRecord> requested = pushes.find(buildId);
        if (requested.isEmpty()) {
            return PushOutcome.NOT_REQUESTED;
        }
        PushRecord record = requested.get();
        try {
            onStart.accept("Pushing to " + record.registryTag());
            RegistryCredentials credentials = credentials(record);
            if (credentials == null) {
                pushes.save(record.with(PushStatus.FAILED, null, CREDENTIALS_LOST));
                return PushOutcome.failed("Push failed: " + CREDENTIALS_LOST);
            }
            run(record, record.target(credentials), image.imageId());
            return PushOutcome.PUSHED;
        } catch (RegistryException | EngineUnavailableException e) {
            return PushOutcome.failed("Push failed: " + e.getMessage());
        } finally {
            held.remove(buildId);
        }
    }

    /** Whether this process holds a registry password given with the build (never stored). */
    public boolean holdsCredentials(String buildId) {
        return held.containsKey(buildId);
    }

    /** Forgets the in-memory credentials of a build that ended without pushing. */
    public void release(String buildId) {
        held.remove(buildId);
    }

    /** Drops the push of a build that was never queued. */
    public void forget(String buildId) {
        release(buildId);
        pushes.delete(buildId);
    }

    /** Masks a build's secret build args and labels and every registry password the service knows for it. */
    public SecretSanitiser sanitiserFor(Build build) {
        RegistryCredentials c = held.get(build.id());
        return SecretSanitiser.forEntries(
                        build.options().buildArgs(), build.options().labels())
                .with(c == null ? null : c.password(), defaults.password());
    }

    private PushedImage run(PushRecord record, PushTarget target, String localImage) {
        PushRecord pushing = record.with(PushStatus.PUSHING, null, null);
        pushes.save(pushing);
        try {
            PushedImage pushed = pusher.push(localImage, target, Duration.ofSeconds(defaults.pushTimeout()));
            pushes.save(pushing.with(PushStatus.PUSHED, pushed.digest(), null));
            attestations.afterPush(record.buildId(), localImage, target, pushed);
            return pushed;
        } catch (RuntimeException e) {
            String message = SecretSanitiser.NONE
                    .with(target.credentials().password(), defaults.password())
                    .clean(e.getMessage());
            pushes.save(pushing.with(PushStatus.FAILED, null, message));
            log.warn("push of build {} to {} failed: {}", record.buildId(), target.reference(), message);
            throw e;
        }
    }

    private RegistryCredentials credentials(PushRecord record) {
        return switch (record.credentials()) {
            case NONE -> RegistryCredentials.anonymous();
            case REQUEST -> held.get(record.buildId());
            case DEFAULT -> targets.defaultCredentials();
        };
    }

    /** After a restart: a push that was running cannot be resumed. */
    @Override
    public void afterPropertiesSet() {
        int n = pushes.failInterrupted(
                "Push interrupted by service restart: push the image with POST /api/docker/push");
        if (n > 0) {
            log.warn("{} pushes were running when the service stopped; marked failed", n);
        }
    }
}
