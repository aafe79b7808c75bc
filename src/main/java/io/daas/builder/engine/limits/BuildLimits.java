package io.daas.builder.engine.limits;

import java.util.function.Consumer;

/**
 * What bounds one running build's steps besides memory and CPU: its cgroup (the process limit) and
 * the watch on what each step writes. Read each output line; end it once, when the build has ended.
 */
public final class BuildLimits {

    private final StepBounds bounds;
    private final BuildCgroup cgroup;
    private volatile StepDiskWatch disk;

    BuildLimits(StepBounds bounds, BuildCgroup cgroup) {
        this.bounds = bounds;
        this.cgroup = cgroup;
    }

    /** The {@code cgroupparent} of the build's steps, or null without a process limit. */
    public String cgroupParent() {
        return cgroup.path();
    }

    /** Tells {@code onExceeded} when a step writes past {@code limit} bytes; nothing without a limit. */
    public void watchDisk(Long limit, Consumer<String> onExceeded) {
        this.disk = bounds.diskWatch(limit, onExceeded);
    }

    /** Reads one line of the build's output. */
    public void onLine(String line) {
        StepDiskWatch watch = disk;
        if (watch != null) {
            watch.onLine(line);
        }
    }

    /** The build ended: the last step's writes are measured, the watch closed and the cgroup released. */
    public void end(boolean stopped) {
        StepDiskWatch watch = disk;
        try {
            if (watch != null) {
                watch.settle(10_000);
                watch.close();
            }
        } finally {
            bounds.release(cgroup, stopped);
        }
    }
}
