package io.daas.builder.engine.limits;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.DaemonThreads;
import io.daas.builder.config.StepLimits;
import io.daas.builder.engine.ImageBuildFailedException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * What bounds a build's steps besides memory and CPU: a cgroup per build with the process limit
 * ({@code BUILD_PIDS_LIMIT}), and a watch on what each step writes ({@code BUILD_DISK_LIMIT}).
 * The cgroup is made on the engine's host, so it needs the engine on this host (a unix socket) and
 * a writable cgroup filesystem (root); otherwise a build with a process limit fails, saying so.
 */
@Component
public class StepBounds implements AutoCloseable {

    private final DockerClient docker;
    private final StepLimits limits;
    private final String engineHost;
    private final Duration staleAfter;
    private final AtomicBoolean swept = new AtomicBoolean();
    private volatile String engineCgroupDriver;
    /** Removes cgroups on its own thread, apart from the disk polls, which can wait long on a busy engine. */
    private final CgroupCleaner cleaner = new CgroupCleaner();

    private final ScheduledExecutorService poller =
            Executors.newScheduledThreadPool(4, DaemonThreads.named("step-disk-watch"));

    StepBounds(DockerClientConfig config, BuilderProperties properties) {
        // its own client, whose answers time out: a measure must never hang on a busy engine
        this.docker = DockerClientImpl.getInstance(
                config,
                new ApacheDockerHttpClient.Builder()
                        .dockerHost(config.getDockerHost())
                        .sslConfig(config.getSSLConfig())
                        .maxConnections(8)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .responseTimeout(Duration.ofSeconds(30))
                        .build());
        this.limits = properties.steps();
        this.engineHost = String.valueOf(config.getDockerHost());
        // no build lives this long: older cgroups were left when a service stopped mid-build
        this.staleAfter = Duration.ofSeconds(Math.max(3600, 2 * properties.buildTimeout()));
    }

    /**
     * The bounds of a build about to start: its own cgroup with {@code pidsLimit} (none without a limit).
     *
     * @throws ImageBuildFailedException when the cgroup cannot be made here, saying what to change
     */
    public BuildLimits limit(Integer pidsLimit) {
        return new BuildLimits(this, cgroup(pidsLimit));
    }

    private BuildCgroup cgroup(Integer pidsLimit) {
        if (pidsLimit == null || pidsLimit <= 0) {
            return BuildCgroup.NONE;
        }
        if (!engineHost.startsWith("unix:")) {
            throw new ImageBuildFailedException("BUILD_PIDS_LIMIT=" + pidsLimit
                    + " needs a cgroup for each build on the"
                    + " engine's host, and the engine at " + engineHost + " is on another host; run the service on"
                    + " the engine's host, or set BUILD_PIDS_LIMIT=0 and bound processes on the engine's host"
                    + " (see docs/security.md)");
        }
        String driver = cgroupDriver();
        if ("systemd".equals(driver)) {
            throw new ImageBuildFailedException("BUILD_PIDS_LIMIT=" + pidsLimit + " needs the engine's cgroupfs cgroup"
                    + " driver, and the engine at " + engineHost + " uses systemd; run dockerd with"
                    + " --exec-opt native.cgroupdriver=cgroupfs, or set BUILD_PIDS_LIMIT=0 and bound processes on"
                    + " the engine's host (see docs/security.md)");
        }
        if (swept.compareAndSet(false, true)) {
            cleaner.removeOlderThan(limits.cgroupRoot(), limits.cgroupParent(), staleAfter);
        }
        try {
            return BuildCgroup.create(limits.cgroupRoot(), limits.cgroupParent(), pidsLimit);
        } catch (IOException | RuntimeException e) {
            throw new ImageBuildFailedException("BUILD_PIDS_LIMIT=" + pidsLimit + " needs a cgroup for each build, and "
                    + limits.cgroupRoot() + "/.../" + limits.cgroupParent() + " could not be made (" + e + "); run the"
                    + " service as root on the engine's host (BUILD_CGROUP_ROOT names where the cgroup filesystem"
                    + " is), or set BUILD_PIDS_LIMIT=0 to build without a process limit");
        }
    }

    /** The engine's cgroup driver, asked once; null when the engine does not say. */
    private String cgroupDriver() {
        String driver = engineCgroupDriver;
        if (driver == null) {
            try {
                driver = String.valueOf(docker.infoCmd().exec().getCGroupDriver());
            } catch (RuntimeException e) {
                return null; // the build itself will say what is wrong with the engine
            }
            engineCgroupDriver = driver;
        }
        return driver;
    }

    /** Removes the cgroup once the engine has removed the build's containers (see {@link CgroupCleaner}). */
    void release(BuildCgroup cgroup, boolean stopped) {
        cleaner.release(cgroup, stopped);
    }

    /** A watch that tells {@code onExceeded} when a step writes past {@code limit} bytes, or null without a limit. */
    StepDiskWatch diskWatch(Long limit, Consumer<String> onExceeded) {
        if (limit == null || limit <= 0) {
            return null;
        }
        return new StepDiskWatch(docker, limit, limits.diskLimit().text(), onExceeded, poller);
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            docker.close();
        } catch (IOException e) {
            // closing anyway
        }
        cleaner.close();
    }
}
