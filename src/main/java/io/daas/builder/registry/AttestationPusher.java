package io.daas.builder.registry;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Pushes a DSSE envelope beside an image the way cosign attaches attestations: an OCI image
 * manifest tagged {@code sha256-<image manifest hex>.att} in the image's repository, whose one
 * layer ({@code application/vnd.dsse.envelope.v1+json}) is the envelope (see {@link
 * CosignAttestation}). Speaks the OCI distribution API directly (the engine cannot push an
 * artifact): blob upload by POST then PUT, manifest by PUT; basic auth, or a bearer token from the
 * registry's challenge (see {@link RegistryUploadSession}).
 */
@Component
public class AttestationPusher {

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** The tag cosign gives an image's attestations. */
    public static String tagFor(String imageManifestDigest) {
        return CosignAttestation.tagFor(imageManifestDigest);
    }

    /**
     * Pushes the envelope as the attestation of the image with {@code imageManifestDigest} in the
     * target's repository; returns the attestation's reference and manifest digest.
     *
     * @throws PushRejectedException when the registry refuses or cannot be reached
     */
    public PushedImage push(PushTarget target, String imageManifestDigest, byte[] envelope, String predicateType) {
        RegistryUploadSession s = new RegistryUploadSession(http, target);
        byte[] configBytes = CosignAttestation.config(envelope);
        s.uploadBlob(envelope);
        s.uploadBlob(configBytes);
        byte[] manifestBytes = CosignAttestation.manifest(configBytes, envelope, predicateType);
        String tag = tagFor(imageManifestDigest);
        s.send(
                HttpRequest.newBuilder(s.uri("/manifests/" + tag))
                        .header("Content-Type", CosignAttestation.MANIFEST_MEDIA_TYPE)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifestBytes)),
                201,
                "putting the attestation manifest");
        return new PushedImage(target.repositoryReference() + ":" + tag, CosignAttestation.digest(manifestBytes));
    }
}
