package io.daas.builder.lifecycle;

import io.daas.builder.bundle.BundleId;
import io.daas.builder.bundle.BundleNotFoundException;
import io.daas.builder.bundle.BundleOwners;
import io.daas.builder.bundle.BundleResolver;
import io.daas.builder.security.Caller;
import io.daas.builder.security.OutboundPolicy;
import io.daas.builder.security.SubmissionRateLimiter;
import io.daas.builder.webhook.WebhookNotifier;
import java.net.URI;
import org.springframework.stereotype.Component;

/**
 * What a build request passes before it is queued: a bundle its tenant may use and that is still
 * stored, the tenant's BUILD_RATE_LIMIT, and a callback URL the service may call.
 */
@Component
class SubmissionChecks {

    private final BundleResolver bundles;
    private final BundleOwners bundleOwners;
    private final SubmissionRateLimiter rateLimiter;
    private final OutboundPolicy outbound;

    SubmissionChecks(
            BundleResolver bundles,
            BundleOwners bundleOwners,
            SubmissionRateLimiter rateLimiter,
            OutboundPolicy outbound) {
        this.bundles = bundles;
        this.bundleOwners = bundleOwners;
        this.rateLimiter = rateLimiter;
        this.outbound = outbound;
    }

    /** The request's bundle, once the caller may use it and it is still here; counts the submission. */
    BundleId check(NewBuild request) {
        Caller caller = request.caller();
        BundleId bundleId = BundleId.parse(request.bundleId());
        if (!bundleOwners.mayUse(bundleId, caller)) {
            throw new BundleNotFoundException(bundleId);
        }
        if (!bundles.isKnownOrRemote(bundleId)) {
            if (bundleOwners.owns(bundleId, caller.tenant())) {
                // uploaded once, deleted since by the retention clean-up
                throw new BundleNotFoundException("Bundle " + bundleId + " is no longer stored here: bundles unused"
                        + " for BUNDLE_RETENTION_DAYS days are deleted. Upload it again with POST"
                        + " /api/docker/bundles (the same bytes give the same bundleId) and build again");
            }
            throw new BundleNotFoundException(bundleId);
        }
        if (!caller.isAdmin()) {
            rateLimiter.acquire(caller.tenant());
        }
        return bundleId;
    }

    /** A callback URL: absolute http(s), to an address the service may call. */
    void checkCallbackUrl(String url) {
        WebhookNotifier.validate(url);
        outbound.checkUrl(URI.create(url));
    }
}
