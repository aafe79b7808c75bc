package io.daas.builder.support;

import io.daas.builder.engine.BuildLogLine;
import io.daas.builder.engine.BuiltImage;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.engine.ImageBuildFailedException;
import io.daas.builder.engine.ImageBuildSpec;
import io.daas.builder.engine.ImageDetails;
import io.daas.builder.engine.ImageEngine;
import io.daas.builder.engine.ResourceWatch;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An {@link ImageEngine} in memory, for fast tests of what drives the engine: each build follows a
 * {@link FakeBuild.Script} (log lines, an image of some size, the engine's failure, or running until
 * released or stopped), images and tags live in maps, the engine can be taken down. Thread-safe:
 * builds start and end on the queue's threads while the test reads.
 */
public final class FakeEngine implements ImageEngine {

    public static final String HOST = "fake://engine";

    private final Queue<FakeBuild.Script> next = new ConcurrentLinkedQueue<>();
    private volatile FakeBuild.Script otherwise = FakeBuild.Script.succeeds();
    private final List<FakeBuild> builds = new CopyOnWriteArrayList<>();
    private final Map<String, Image> images = new ConcurrentHashMap<>();
    private final Map<String, String> tags = new ConcurrentHashMap<>();
    private final Set<String> leftovers = ConcurrentHashMap.newKeySet();
    private final List<Long> prunes = new CopyOnWriteArrayList<>();
    private final List<FakeWatch> watches = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean down;
    private volatile long freedByPrune;
    private volatile Long peakMemory;
    private volatile Double peakCpu;

    /** An image on the fake engine: its id, size, labels and ONBUILD triggers. */
    public record Image(String id, long size, Map<String, String> labels, List<String> onBuild) {}

    /** The next builds, in order, follow these scripts; later ones follow {@link #everyBuild}. */
    public FakeEngine nextBuilds(FakeBuild.Script... scripts) {
        next.addAll(List.of(scripts));
        return this;
    }

    /** Builds without a script of their own follow this one (at first: they succeed at once). */
    public FakeEngine everyBuild(FakeBuild.Script script) {
        this.otherwise = script;
        return this;
    }

    /** Puts an image on the engine under {@code tag}; returns its id. */
    public String addImage(String tag, long size, Map<String, String> labels, List<String> onBuild) {
        String id = newImageId();
        images.put(id, new Image(id, size, Map.copyOf(labels), List.copyOf(onBuild)));
        tags.put(tag, id);
        return id;
    }

    /** Makes the engine stop answering (every call fails as if the engine were down), or answer again. */
    public FakeEngine down(boolean down) {
        this.down = down;
        return this;
    }

    /** A build with this tag left an untagged step image that {@link #removeLeftoverOf} removes. */
    public FakeEngine leftover(String tag) {
        leftovers.add(tag);
        return this;
    }

    /** What each cache prune reports as freed. */
    public FakeEngine prunesFree(long bytes) {
        this.freedByPrune = bytes;
        return this;
    }

    /** What every resource watch reports as the steps' peak memory and CPU. */
    public FakeEngine stepsPeakAt(Long memoryBytes, Double cpuPercent) {
        this.peakMemory = memoryBytes;
        this.peakCpu = cpuPercent;
        return this;
    }

    /** Forgets every build, image, script and setting: an engine as new (builds still running are stopped). */
    public void reset() {
        builds.forEach(FakeBuild::stop);
        builds.clear();
        next.clear();
        otherwise = FakeBuild.Script.succeeds();
        images.clear();
        tags.clear();
        leftovers.clear();
        prunes.clear();
        watches.clear();
        mostRunning.set(running.get());
        down = false;
        freedByPrune = 0;
        peakMemory = null;
        peakCpu = null;
    }

    /** Every build started so far, oldest first. */
    public List<FakeBuild> builds() {
        return List.copyOf(builds);
    }

    /** The build started with this tag (like {@code daas-app:ID}). */
    public Optional<FakeBuild> build(String tag) {
        return builds.stream().filter(b -> b.spec().tag().equals(tag)).findFirst();
    }

    /** Builds started and not yet ended. */
    public int runningCount() {
        return running.get();
    }

    /** The most builds that ran at once. */
    public int mostRunningAtOnce() {
        return mostRunning.get();
    }

    /** The image a tag or id names, if the engine has it. */
    public Optional<Image> image(String reference) {
        String id = tags.getOrDefault(reference, reference);
        return Optional.ofNullable(images.get(id));
    }

    /** Every tag on the engine. */
    public Set<String> tags() {
        return Set.copyOf(tags.keySet());
    }

    /** The {@code keepBytes} of each cache prune, in order. */
    public List<Long> prunes() {
        return List.copyOf(prunes);
    }

    /** Every resource watch handed out, oldest first. */
    public List<FakeWatch> watches() {
        return List.copyOf(watches);
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public void ping() {
        answer();
    }

    @Override
    public FakeBuild startBuild(ImageBuildSpec spec, Consumer<BuildLogLine> logs) {
        answer();
        FakeBuild.Script polled = next.poll();
        FakeBuild.Script script = polled == null ? otherwise : polled;
        if (script.refusal() != null) {
            throw new ImageBuildFailedException(script.refusal());
        }
        FakeBuild build = new FakeBuild(spec, script, logs, this, this::ended);
        int now = running.incrementAndGet();
        mostRunning.accumulateAndGet(now, Math::max);
        builds.add(build);
        build.begin();
        return build;
    }

    @Override
    public boolean hasImage(String image) {
        answer();
        return image(image).isPresent();
    }

    @Override
    public Optional<ImageDetails> localImage(String reference) {
        answer();
        return image(reference).map(i -> new ImageDetails(i.labels(), i.onBuild()));
    }

    @Override
    public void tag(String imageId, String repositoryAndTag) {
        answer();
        Image image = image(imageId).orElseThrow(() -> unavailable("No such image: " + imageId));
        tags.put(repositoryAndTag, image.id());
    }

    @Override
    public void removeImage(String image) {
        answer();
        String id = tags.remove(image);
        if (id == null) {
            if (images.remove(image) != null) {
                tags.values().removeIf(image::equals);
            }
        } else if (!tags.containsValue(id)) {
            images.remove(id);
        }
    }

    @Override
    public boolean removeLeftoverOf(String tag) {
        answer();
        return leftovers.remove(tag);
    }

    @Override
    public long pruneBuildCache(long keepBytes) {
        answer();
        prunes.add(keepBytes);
        return freedByPrune;
    }

    @Override
    public ResourceWatch watchResources() {
        FakeWatch watch = new FakeWatch(peakMemory, peakCpu);
        watches.add(watch);
        return watch;
    }

    /** Called by a build that ended with an image: the engine keeps it under the build's tag. */
    BuiltImage keep(String tag, long size, Map<String, String> labels) {
        String id = newImageId();
        images.put(id, new Image(id, size, Map.copyOf(labels), List.of()));
        tags.put(tag, id);
        return new BuiltImage(id, size);
    }

    EngineUnavailableException unavailable(String detail) {
        return new EngineUnavailableException(
                "Docker engine at " + HOST + " is not reachable (" + detail
                        + "); check that it runs and that DOCKER_HOST points at it",
                null);
    }

    private void ended(FakeBuild build) {
        running.decrementAndGet();
    }

    private void answer() {
        if (down) {
            throw unavailable("the test took it down");
        }
    }

    private String newImageId() {
        byte[] bytes = new byte[32];
        long n = ids.incrementAndGet();
        for (int i = 0; i < 8; i++) {
            bytes[31 - i] = (byte) (n >>> (8 * i));
        }
        return "sha256:" + HexFormat.of().formatHex(bytes);
    }

    /** A resource watch that keeps the lines it read and reports the peaks the engine was given. */
    public static final class FakeWatch implements ResourceWatch {

        private final Long peakMemory;
        private final Double peakCpu;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        FakeWatch(Long peakMemory, Double peakCpu) {
            this.peakMemory = peakMemory;
            this.peakCpu = peakCpu;
        }

        @Override
        public void onLine(String line) {
            if (!closed) {
                lines.add(line);
            }
        }

        @Override
        public Long peakMemoryBytes() {
            return peakMemory;
        }

        @Override
        public Double peakCpuPercent() {
            return peakCpu;
        }

        @Override
        public void close() {
            closed = true;
        }

        public List<String> lines() {
            return List.copyOf(lines);
        }

        public boolean isClosed() {
            return closed;
        }
    }
}
