package io.daas.builder.engine.limits;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import io.daas.builder.engine.ResourceWatch;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak memory and CPU of one build's step containers. The classic builder names each RUN step's
 * container in its output ({@code ---> Running in 0a5d1ae6f2ab}); those carry none of the build's
 * labels, so the output is how to find them. Each is followed with the engine's stats stream until
 * it exits. Steps shorter than the engine's first stats sample (about a second) are not measured.
 */
public final class StatsResourceWatch implements ResourceWatch {

    private static final Pattern RUNNING_IN = Pattern.compile("^\\s*---> Running in ([0-9a-f]{12,64})\\s*$");

    private final DockerClient docker;
    private final List<Closeable> streams = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** Written under this watch's lock, read without it. */
    private volatile long peakMemory = -1;

    private volatile double peakCpu = -1;

    public StatsResourceWatch(DockerClient docker) {
        this.docker = docker;
    }

    /** Reads one line of the build's output; a step container's id starts following it. */
    @Override
    public void onLine(String line) {
        if (closed || line.indexOf("Running in") < 0) {
            return;
        }
        Matcher m = RUNNING_IN.matcher(line);
        if (m.matches()) {
            follow(m.group(1));
        }
    }

    private void follow(String containerId) {
        try {
            streams.add(docker.statsCmd(containerId).exec(new ResultCallback.Adapter<Statistics>() {
                @Override
                public void onNext(Statistics stats) {
                    record(stats);
                }
            }));
        } catch (RuntimeException e) {
            // the step may have ended already; its figures are simply not counted
        }
    }

    private synchronized void record(Statistics stats) {
        MemoryStatsConfig mem = stats.getMemoryStats();
        if (mem != null) {
            Long used = mem.getMaxUsage() != null ? mem.getMaxUsage() : mem.getUsage();
            if (used != null) {
                peakMemory = Math.max(peakMemory, used);
            }
        }
        Double cpu = cpuPercent(stats.getCpuStats(), stats.getPreCpuStats());
        if (cpu != null) {
            peakCpu = Math.max(peakCpu, cpu);
        }
    }

    /** CPU use between two samples, as {@code docker stats} computes it (100 = one core). */
    static Double cpuPercent(CpuStatsConfig now, CpuStatsConfig before) {
        if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null) {
            return null;
        }
        Long total = now.getCpuUsage().getTotalUsage();
        Long totalBefore = before.getCpuUsage().getTotalUsage();
        Long system = now.getSystemCpuUsage();
        Long systemBefore = before.getSystemCpuUsage();
        if (total == null || totalBefore == null || system == null || systemBefore == null) {
            return null;
        }
        long cpuDelta = total - totalBefore;
        long systemDelta = system - systemBefore;
        if (cpuDelta < 0 || systemDelta <= 0) {
            return null;
        }
        long cpus = now.getOnlineCpus() != null
                ? now.getOnlineCpus()
                : now.getCpuUsage().getPercpuUsage() == null
                        ? 1
                        : now.getCpuUsage().getPercpuUsage().size();
        return (double) cpuDelta / systemDelta * cpus * 100.0;
    }

    /** The most memory any step used, in bytes, or null when none was measured. */
    @Override
    public Long peakMemoryBytes() {
        long peak = peakMemory;
        return peak < 0 ? null : peak;
    }

    /** The most CPU any step used, in percent of one core, or null when none was measured. */
    @Override
    public Double peakCpuPercent() {
        double peak = peakCpu;
        return peak < 0 ? null : Math.round(peak * 10) / 10.0;
    }

    @Override
    public void close() {
        closed = true;
        for (Closeable c : streams) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // the stream ends with its container anyway
            }
        }
        streams.clear();
    }
}
