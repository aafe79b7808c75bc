package io.daas.builder.builds;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** A build's own folder under DOCKER_BUILD_DIR; everything the build writes stays in it. */
public final class BuildWorkspace implements AutoCloseable {

    private final Path dir;

    public BuildWorkspace(Path buildDir, String buildId) {
        this.dir = buildDir.toAbsolutePath().normalize().resolve(buildId);
    }

    public Path dir() {
        return dir;
    }

    public Path context() {
        return dir.resolve("context");
    }

    /** Removes the folder and all in it, never following links out of it. */
    @Override
    public void close() {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // left-overs are removed by the next clean-up; the build's result does not depend on it
        }
    }
}
