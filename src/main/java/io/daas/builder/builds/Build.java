package io.daas.builder.builds;

import java.time.Instant;

/**
 * A build as stored: what was asked, where it is, and what came out.
 *
 * @param id build id
 * @param bundleId the bundle it builds
 * @param options how to build
 * @param status where it is
 * @param progress 0 to 100, only rising; 100 only on success
 * @param currentStep the engine's current step, like {@code Step 3/8 : RUN npm ci}
 * @param error why it failed, or null
 * @param imageId the image id on success
 * @param imageTag the image tag, like daas-app:ID
 * @param size image size in bytes on success
 * @param createdAt when it was submitted
 * @param startedAt when it started building
 * @param endedAt when it ended
 * @param tenant the tenant that started it (the API token's), or null for builds older than tenancy
 * @param walletAddress the DAAS wallet it was built for (label daas.wallet), or null
 * @param replica the replica that ran it ({@code REPLICA_NAME}), or null while no replica has taken it
 */
public record Build(
        String id,
        String bundleId,
        BuildOptions options,
        BuildStatus status,
        int progress,
        String currentStep,
        String error,
        String imageId,
        String imageTag,
        Long size,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        String tenant,
        String walletAddress,
        String replica) {

    /** A new build, waiting in the queue; its image will be {@code daas-app:<id>}. */
    public static Build pending(String id, String bundleId, BuildOptions options, String tenant, String wallet) {
        return new Build(
                id,
                bundleId,
                options,
                BuildStatus.PENDING,
                0,
                "Queued",
                null,
                null,
                ImageLabels.IMAGE_REPOSITORY + ":" + id,
                null,
                Instant.now(),
                null,
                null,
                tenant,
                wallet,
                null);
    }

    /** The same build with its changing fields replaced; what it is (id, bundle, options, owner) stays. */
    public Build with(
            BuildStatus newStatus,
            int newProgress,
            String step,
            String newError,
            String newImageId,
            String newImageTag,
            Long newSize,
            Instant newStartedAt,
            Instant newEndedAt) {
        return new Build(
                id,
                bundleId,
                options,
                newStatus,
                newProgress,
                step,
                newError,
                newImageId,
                newImageTag,
                newSize,
                createdAt,
                newStartedAt,
                newEndedAt,
                tenant,
                walletAddress,
                replica);
    }

    /** The same build as taken by a replica, which runs it (its engine holds the image). */
    public Build ranBy(String replicaName) {
        return new Build(
                id,
                bundleId,
                options,
                status,
                progress,
                currentStep,
                error,
                imageId,
                imageTag,
                size,
                createdAt,
                startedAt,
                endedAt,
                tenant,
                walletAddress,
                replicaName);
    }

    /** The same build showing another current step (not stored). */
    public Build withCurrentStep(String step) {
        return with(status, progress, step, error, imageId, imageTag, size, startedAt, endedAt);
    }

    /** The same build ended with a final status and an error (or null). */
    public Build ended(BuildStatus finalStatus, String message, Instant at) {
        return with(finalStatus, progress, currentStep, message, null, imageTag, null, startedAt, at);
    }

    /** A build that failed only in its push, pushed later: successful now, its times as they were. */
    public Build pushedLater(String step) {
        return with(BuildStatus.SUCCESS, 100, step, null, imageId, imageTag, size, startedAt, endedAt);
    }
}
