package io.daas.builder.build;

import io.daas.builder.build.BuildExecution.BuildExecutionContext;
import io.daas.builder.bundle.BundleId;
import io.daas.builder.bundle.BundleNotFoundException;
import io.daas.builder.bundle.BundleResolver;
import io.daas.builder.config.BuilderProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Service;

/** Accepts builds, runs them in the background at most MAX_CONCURRENT_BUILDS at a time, answers about them. */
@Service
public class BuildService implements InitializingBean, DisposableBean {

    static final String RESTART_MESSAGE = "interrupted by service restart";
    private static final Logger log = LoggerFactory.getLogger(BuildService.class);

    private final BuildRepository repository;
    private final BuildLogRepository logRepository;
    private final BuildLogs logs;
    private final BundleResolver bundles;
    private final BuildExecutionContext context;
    private final BuilderProperties properties;
    private final ExecutorService executor;
    private final Map<String, BuildExecution> live = new ConcurrentHashMap<>();

    BuildService(
            BuildRepository repository,
            BuildLogRepository logRepository,
            BundleResolver bundles,
            BuildExecutionContext context,
            BuilderProperties properties,
            BuildLogs logs) {
        this.repository = repository;
        this.logRepository = logRepository;
        this.logs = logs;
        this.bundles = bundles;
        this.context = context;
        this.properties = properties;
        int threads = Math.max(1, properties.maxConcurrentBuilds());
        AtomicInteger n = new AtomicInteger();
        this.executor =
                new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "build-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Records a new build as pending and queues it; returns at once. */
    public Build submit(NewBuild request) {
        BundleId bundleId = BundleId.parse(request.bundleId());
        if (!bundles.isKnownOrRemote(bundleId)) {
            throw new BundleNotFoundException(bundleId);
        }
        String id = UUID.randomUUID().toString();
        Build build = new Build(
                id,
                bundleId.value(),
                request.options(),
                BuildStatus.PENDING,
                0,
                "Queued",
                null,
                null,
                BuildExecution.IMAGE_REPOSITORY + ":" + id,
                null,
                Instant.now(),
                null,
                null);
        repository.insert(build);
        enqueue(build);
        return build;
    }

    public Build get(String id) {
        BuildExecution running = live.get(id);
        if (running != null) {
            // a live build's record is in memory: status polls need no database round trip
            return running.snapshot();
        }
        return repository.find(id).orElseThrow(() -> new BuildNotFoundException(id));
    }

    /** All builds, newest first. */
    public List<Build> list() {
        return repository.findAll();
    }

    /** The last lines of a build's log (STATUS_LOG_LINES of them). */
    public List<String> recentLogs(String id) {
        return logs.tail(id, properties.statusLogLines());
    }

    /** Stops a pending or running build; a build that already ended is left as it is. */
    public CancelOutcome cancel(String id) {
        Build build = get(id);
        if (build.status().isFinal()) {
            return new CancelOutcome(false, build.status());
        }
        BuildExecution execution = live.get(id);
        if (execution != null) {
            execution.cancel();
        }
        return new CancelOutcome(true, BuildStatus.CANCELLED);
    }

    private void enqueue(Build build) {
        BuildExecution execution = new BuildExecution(build, context);
        live.put(build.id(), execution);
        executor.execute(() -> {
            try {
                execution.run();
            } finally {
                live.remove(build.id());
            }
        });
    }

    /** After a restart: a build that was running cannot be resumed; a queued one runs again. */
    @Override
    public void afterPropertiesSet() {
        for (Build b : repository.findByStatus(BuildStatus.BUILDING)) {
            log.warn("build {} was running when the service stopped; marking it failed", b.id());
            repository.update(new Build(
                    b.id(),
                    b.bundleId(),
                    b.options(),
                    BuildStatus.FAILED,
                    b.progress(),
                    b.currentStep(),
                    RESTART_MESSAGE,
                    null,
                    b.imageTag(),
                    null,
                    b.createdAt(),
                    b.startedAt(),
                    Instant.now()));
        }
        for (Build b : repository.findByStatus(BuildStatus.PENDING)) {
            log.info("build {} was queued when the service stopped; queueing it again", b.id());
            enqueue(b);
        }
    }

    /** On shutdown queued builds stay pending (they run after the restart); running ones are stopped. */
    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
