package io.daas.builder.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cosign attestation scheme: the tag {@code sha256-<image manifest hex>.att} and an OCI image
 * manifest whose one layer ({@code application/vnd.dsse.envelope.v1+json}) is a DSSE envelope.
 */
final class CosignAttestation {

    static final String DSSE_MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";
    static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

    private CosignAttestation() {}

    /** The tag cosign gives an image's attestations. */
    static String tagFor(String imageManifestDigest) {
        return imageManifestDigest.replace(':', '-') + ".att";
    }

    /** The image config of an attestation whose one layer is {@code envelope}. */
    static byte[] config(byte[] envelope) {
        String config = "{\"architecture\":\"\",\"config\":{},\"created\":\"0001-01-01T00:00:00Z\","
                + "\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"" + digest(envelope) + "\"]}}";
        return config.getBytes(StandardCharsets.UTF_8);
    }

    /** The OCI image manifest of an attestation: {@code configBytes} and the envelope as its one layer. */
    static byte[] manifest(byte[] configBytes, byte[] envelope, String predicateType) {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_MEDIA_TYPE + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":"
                + configBytes.length + ",\"digest\":\"" + digest(configBytes) + "\"},"
                + "\"layers\":[{\"mediaType\":\"" + DSSE_MEDIA_TYPE + "\",\"size\":" + envelope.length
                + ",\"digest\":\"" + digest(envelope) + "\",\"annotations\":{\"predicateType\":\"" + predicateType
                + "\"}}]}";
        return manifest.getBytes(StandardCharsets.UTF_8);
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
