package io.daas.builder.lifecycle;

import io.daas.builder.builds.BuildOptions;
import io.daas.builder.push.PushRequest;
import io.daas.builder.security.Caller;

/**
 * A request to build a bundle, and optionally to push the image when it is built.
 *
 * @param bundleId the bundle to build
 * @param options how to build
 * @param push where to push the image when built, or null
 * @param caller who asks (the build belongs to its tenant)
 * @param walletAddress the DAAS wallet the build is for, or null for the caller's tenant
 * @param callbackUrl where to report the build's end (checked with {@code BuildService.checkCallbackUrl}), or null
 */
public record NewBuild(
        String bundleId,
        BuildOptions options,
        PushRequest push,
        Caller caller,
        String walletAddress,
        String callbackUrl) {

    /** A request without a callback URL. */
    public NewBuild(String bundleId, BuildOptions options, PushRequest push, Caller caller, String walletAddress) {
        this(bundleId, options, push, caller, walletAddress, null);
    }

    /** A build for the local caller of the open (no token) mode. */
    public NewBuild(String bundleId, BuildOptions options) {
        this(bundleId, options, null, Caller.open(), null);
    }
}
