package io.daas.builder.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on what a build's steps may take of the engine's host besides memory and CPU.
 *
 * @param pidsLimit processes and threads a build's steps may run at once ({@code BUILD_PIDS_LIMIT},
 *     default 1024; 0 for no limit), through a cgroup per build under the pids controller
 * @param diskLimit bytes one step may write to its container's disk, like 10g ({@code BUILD_DISK_LIMIT};
 *     0 for no limit)
 * @param cgroupParent the cgroup under which each build gets its own ({@code BUILD_CGROUP_PARENT})
 * @param cgroupRoot where the engine host's cgroup filesystem is mounted for the service
 *     ({@code BUILD_CGROUP_ROOT}, default /sys/fs/cgroup)
 */
public record StepLimits(
        @DefaultValue("1024") int pidsLimit,

        @DefaultValue("10g") @SettingName("BUILD_DISK_LIMIT")
        ByteSize diskLimit,

        @DefaultValue("daas-builds") String cgroupParent,
        @DefaultValue("/sys/fs/cgroup") Path cgroupRoot) {}
