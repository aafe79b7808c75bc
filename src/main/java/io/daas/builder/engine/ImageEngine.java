package io.daas.builder.engine;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the service asks of the engine that builds its images, in the service's own types: {@link
 * DockerEngine} speaks it to Docker; tests use an in-memory fake.
 */
public interface ImageEngine {

    /** Where the engine is, for messages. */
    String host();

    /** Checks the engine answers; throws {@link EngineUnavailableException} naming it otherwise. */
    void ping();

    /**
     * Starts building; output lines go to {@code logs} as they arrive.
     *
     * @throws ImageBuildFailedException when the context cannot be read or a step limit cannot be applied
     */
    RunningImageBuild startBuild(ImageBuildSpec spec, Consumer<BuildLogLine> logs);

    /** Whether the engine has this image (by id or tag). */
    boolean hasImage(String image);

    /** The engine's local image under a reference (as a build's FROM would find it), or empty. */
    Optional<ImageDetails> localImage(String reference);

    /** Gives an image another tag, like {@code daas-app:ID}. */
    void tag(String imageId, String repositoryAndTag);

    /** Removes an image by id or tag; an image that is already gone is fine. */
    void removeImage(String image);

    /**
     * Removes what a build of this process left on the engine without a tag (the image of its last
     * finished step, with its untagged parents), never anything another build stands on. Returns
     * whether something was removed.
     */
    boolean removeLeftoverOf(String tag);

    /** Trims the engine's build cache down to {@code keepBytes}; returns the bytes freed. */
    long pruneBuildCache(long keepBytes);

    /** Starts watching what one build's steps use (memory, CPU); feed it the build's output lines. */
    ResourceWatch watchResources();
}
