package io.daas.builder.engine.limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One build's own cgroup, {@code <parent>/<uuid>}, with {@code pids.max} set: the engine is told
 * to put the build's step containers under it (the classic builder's {@code cgroupparent}), so
 * all processes of a step count toward the limit, and a fork past it fails with EAGAIN. The engine
 * (runc) makes the container cgroups below it, in every controller; {@link #remove()} takes them
 * away once the steps are gone. Works with the engine's cgroupfs driver, cgroup v1 or v2.
 */
final class BuildCgroup {

    static final BuildCgroup NONE = new BuildCgroup(null, null, null);

    private final Path root;
    private final String parent;
    private final String name;

    private BuildCgroup(Path root, String parent, String name) {
        this.root = root;
        this.parent = parent;
        this.name = name;
    }

    /**
     * Makes the cgroup on this host, whose cgroup filesystem is at {@code root}.
     *
     * @throws IOException when it cannot be made (not root, a read-only or missing cgroup filesystem)
     */
    static BuildCgroup create(Path root, String parent, int pidsLimit) throws IOException {
        boolean unified = Files.exists(root.resolve("cgroup.controllers"));
        Path pids = pidsHierarchy(root);
        if (!Files.isRegularFile(pids.resolve("cgroup.procs"))) {
            throw new NoSuchFileException(pids + " (no pids controller mounted there)");
        }
        String name = UUID.randomUUID().toString();
        Path dir = pids.resolve(parent).resolve(name);
        Files.createDirectories(dir);
        BuildCgroup cgroup = new BuildCgroup(root, parent, name);
        try {
            if (unified) {
                // v2: a controller works in a child only when every parent enables it for its children
                Files.writeString(root.resolve("cgroup.subtree_control"), "+pids");
                Files.writeString(pids.resolve(parent).resolve("cgroup.subtree_control"), "+pids");
            }
            Files.writeString(dir.resolve("pids.max"), String.valueOf(pidsLimit));
        } catch (IOException | RuntimeException e) {
            cgroup.remove();
            throw e;
        }
        return cgroup;
    }

    /**
     * Cgroups under {@code parent} made longer than {@code age} ago, left by builds that ended while
     * the service stopped; a cgroup still in use is not removed by {@link #remove()}.
     */
    static List<BuildCgroup> olderThan(Path root, String parent, Duration age) {
        Path dir = pidsHierarchy(root).resolve(parent);
        Instant cutoff = Instant.now().minus(age);
        List<BuildCgroup> old = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                if (Files.getLastModifiedTime(child).toInstant().isBefore(cutoff)) {
                    old.add(new BuildCgroup(root, parent, child.getFileName().toString()));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // none to remove
        }
        return old;
    }

    private static Path pidsHierarchy(Path root) {
        return Files.exists(root.resolve("cgroup.controllers")) ? root : root.resolve("pids");
    }

    /** The {@code cgroupparent} of the build's steps, or null without a cgroup. */
    String path() {
        return name == null ? null : "/" + parent + "/" + name;
    }

    /**
     * Removes the build's cgroup and what the engine made below it, in every controller; returns
     * false while some are still in use (a stopped step the engine has not removed yet).
     */
    boolean remove() {
        if (name == null) {
            return true;
        }
        boolean all = true;
        for (Path controller : controllers()) {
            Path dir = controller.resolve(parent).resolve(name);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> tree = Files.walk(dir)) {
                List<Path> dirs = tree.filter(Files::isDirectory)
                        .sorted(Comparator.reverseOrder())
                        .toList();
                for (Path d : dirs) {
                    Files.deleteIfExists(d); // rmdir: a cgroup goes with its files
                }
            } catch (IOException | UncheckedIOException e) {
                all = false;
            }
        }
        return all;
    }

    /** The controller hierarchies under the root: the root itself on v2, each mounted controller on v1. */
    private List<Path> controllers() {
        List<Path> list = new ArrayList<>();
        if (Files.exists(root.resolve("cgroup.controllers"))) {
            list.add(root);
            return list;
        }
        try (Stream<Path> children = Files.list(root)) {
            children.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p))
                    .forEach(list::add);
        } catch (IOException e) {
            // nothing to remove then
        }
        return list;
    }
}
