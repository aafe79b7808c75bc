package io.daas.builder.push;

import io.daas.builder.builds.BuildPush;
import io.daas.builder.builds.PushStatus;
import io.daas.builder.registry.PushTarget;
import io.daas.builder.registry.RegistryCredentials;

/**
 * A push as stored: the target without its password, where the credentials come from, the outcome.
 *
 * @param buildId the build whose image is pushed
 * @param registry registry host
 * @param namespace namespace
 * @param repository repository
 * @param tag tag
 * @param username user, or null for anonymous
 * @param credentials where the password comes from
 * @param status where the push is
 * @param digest the digest once pushed
 * @param error why it failed
 */
record PushRecord(
        String buildId,
        String registry,
        String namespace,
        String repository,
        String tag,
        String username,
        CredentialSource credentials,
        PushStatus status,
        String digest,
        String error) {

    static PushRecord pending(String buildId, PushTarget target, CredentialSource credentials) {
        return new PushRecord(
                buildId,
                target.registry(),
                target.namespace(),
                target.repository(),
                target.tag(),
                target.credentials().username(),
                credentials,
                PushStatus.PENDING,
                null,
                null);
    }

    String registryTag() {
        return registry + "/" + namespace + "/" + repository + ":" + tag;
    }

    PushTarget target(RegistryCredentials with) {
        return new PushTarget(registry, namespace, repository, tag, with);
    }

    PushRecord with(PushStatus newStatus, String newDigest, String newError) {
        return new PushRecord(
                buildId, registry, namespace, repository, tag, username, credentials, newStatus, newDigest, newError);
    }

    BuildPush view() {
        return new BuildPush(status, registryTag(), digest, error);
    }
}
