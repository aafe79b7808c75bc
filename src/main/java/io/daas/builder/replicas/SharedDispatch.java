package io.daas.builder.replicas;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.execution.BuildExecution;
import io.daas.builder.execution.BuildExecutions;
import io.daas.builder.lifecycle.BuildDispatch;
import io.daas.builder.lifecycle.CancelOutcome;
import io.daas.builder.lifecycle.QueueLimits;
import io.daas.builder.push.PushService;
import io.daas.builder.security.ApiTokens;
import io.daas.builder.security.FairnessProperties;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queue shared by every replica on one PostgreSQL ({@code BUILD_QUEUE=shared}), on db-scheduler:
 * a build is a one-time execution (instance = build id, time = submission), claimed with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} by exactly one replica with a free slot, oldest first.
 * A build whose secrets only this process holds, or that must run here (a reproduction, compared with
 * an image on this replica's engine), is queued for this replica alone.
 */
@Component
@ConditionalOnProperty(name = "builder.replica.queue", havingValue = "shared")
public class SharedDispatch implements BuildDispatch {

    static final String TASK = "build";

    private final QueueLimits limits;
    private final PushService pushes;
    private final QueueTable table;
    private final ClaimedBuilds claimed;
    private final ReplicaDrain drain;
    private final Scheduler scheduler;
    private final CustomTask<Void> anyReplica;
    private final CustomTask<Void> thisReplica;
    private final CancelRequests cancels;
    private final BuildRepository repository;
    private final BuildExecutions executions;
    private final String self;
    private final ReplicaDirectory directory;
    private final QueueWakeUp wakeUp;
    private final JdbcClient jdbc;

    SharedDispatch(
            DataSource dataSource,
            JdbcClient jdbc,
            BuilderProperties properties,
            FairnessProperties fairness,
            ApiTokens tokens,
            BuildRepository repository,
            BuildExecutions executions,
            PushService pushes,
            ReplicaDirectory directory,
            PlatformTransactionManager transactionManager) {
        SharedQueueRequirements.check(dataSource, properties);
        this.self = properties.replica().name();
        this.limits = QueueLimits.of(properties, fairness, tokens.enabled());
        this.pushes = pushes;
        this.repository = repository;
        this.executions = executions;
        this.table = new QueueTable(jdbc);
        this.jdbc = jdbc;
        this.cancels = new CancelRequests(jdbc);
        TenantTurns turns = TenantTurns.of(
                jdbc, new TransactionTemplate(transactionManager), directory, properties, fairness, tokens.enabled());
        this.claimed = new ClaimedBuilds(repository, executions, cancels, turns, self);
        LostReplicas lost = new LostReplicas(
                directory,
                repository,
                executions,
                jdbc,
                Duration.ofSeconds(properties.replica().lostAfterSeconds()));
        DeadClaims dead = new DeadClaims(repository, lost);
        this.anyReplica = BuildTasks.task(TASK, claimed, dead);
        this.thisReplica = BuildTasks.task(pinnedTask(self), claimed, dead);
        Duration drainFor = Duration.ofSeconds(properties.replica().drainSeconds());
        this.scheduler = BuildTasks.scheduler(
                dataSource, self, properties.maxConcurrentBuilds(), drainFor, anyReplica, thisReplica);
        this.wakeUp = new QueueWakeUp(dataSource, scheduler::triggerCheckForDueExecutions);
        this.drain = new ReplicaDrain(scheduler, claimed, lost, directory, drainFor, self);
        this.directory = directory;
    }

    /** The task name of builds only {@code replica} may run. */
    static String pinnedTask(String replica) {
        return TASK + "@" + replica;
    }

    @Override
    public void checkCapacity(String tenant) {
        table.checkCapacity(limits, tenant);
    }

    @Override
    public void submit(BuildExecution execution, boolean here) {
        Build build = execution.snapshot();
        int priority = table.nextPriority(build.tenant());
        if (here || pushes.holdsCredentials(build.id()) || build.options().hasSecrets()) {
            claimed.hold(execution);
            scheduler.schedule(queued(thisReplica, build, priority));
        } else {
            scheduler.schedule(queued(anyReplica, build, priority));
            QueueWakeUp.announce(jdbc);
        }
    }

    @Override
    public BuildExecution running(String buildId) {
        return claimed.running(buildId);
    }

    @Override
    public int position(String buildId) {
        return table.position(buildId);
    }

    @Override
    public CancelOutcome cancel(Build build) {
        BuildExecution here = claimed.running(build.id());
        if (here != null) {
            here.cancel();
            here.awaitEnd(CancelWait.LIMIT);
            return new CancelOutcome(true, here.snapshot().status());
        }
        if (table.removeWaiting(build.id())) { // not claimed yet: it leaves the queue here
            BuildExecution held = claimed.release(build.id());
            (held != null ? held : executions.of(build)).cancelWaiting();
            return new CancelOutcome(true, BuildStatus.CANCELLED);
        }
        // claimed by a replica (running there, or about to): it sees the request and stops the build
        cancels.request(build.id());
        Build after = CancelWait.untilFinal(repository, build.id());
        return new CancelOutcome(true, after.status());
    }

    @Override
    public int waitingCount() {
        return table.waiting();
    }

    @Override
    public int runningCount() {
        return claimed.runningIds().size();
    }

    @Override
    public List<String> runningIds() {
        return claimed.runningIds();
    }

    /** Fails what this replica left running before it restarted, queues stray pending builds, starts claiming. */
    @Override
    public void recover() {
        directory.seenNow();
        for (Build b : repository.findRunningOn(self)) {
            executions.endElsewhere(b, BuildStatus.BUILDING, BuildStatus.FAILED, BuildExecution.RESTART_MESSAGE);
        }
        for (Build b : repository.findByStatus(BuildStatus.PENDING)) {
            if (!table.queued(b.id())) {
                scheduler.scheduleIfNotExists(queued(anyReplica, b, table.nextPriority(b.tenant())));
            }
        }
        scheduler.start();
        wakeUp.start();
        drain.startSweeping();
    }

    /** The context starts closing (SIGTERM): stop claiming now, before the web server's graceful stop. */
    @EventListener(ContextClosedEvent.class)
    void stopClaiming() {
        drain.begin();
    }

    @Override
    public void close() {
        wakeUp.close();
        drain.run();
    }

    /** A build's queue entry: claimed by priority (its tenant's round), then by submission time. */
    private static SchedulableInstance<Void> queued(CustomTask<Void> task, Build build, int priority) {
        return task.instanceBuilder(build.id()).priority(priority).scheduledTo(build.createdAt());
    }
}
