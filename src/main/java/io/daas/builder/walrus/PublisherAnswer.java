package io.daas.builder.walrus;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a publisher's answer to {@code PUT /v1/blobs}: {@code {"newlyCreated":{"blobObject":{"blobId"}}}}
 * or {@code {"alreadyCertified":{"blobId"}}}; 413 is too large, 504 a storing timeout.
 */
final class PublisherAnswer {

    private PublisherAnswer() {}

    static StoredBlob parse(int status, String body) {
        if (status == 200 || status == 201) {
            try {
                JsonNode root = WalrusErrorMessage.JSON.readTree(body);
                String created = root.path("newlyCreated")
                        .path("blobObject")
                        .path("blobId")
                        .asString("");
                if (!created.isEmpty()) {
                    return new StoredBlob(created, false);
                }
                String certified = root.path("alreadyCertified").path("blobId").asString("");
                if (!certified.isEmpty()) {
                    return new StoredBlob(certified, true);
                }
            } catch (JacksonException e) {
                // reported below with the body
            }
            throw new WalrusException("Walrus publisher answered " + status + " without a blob id: "
                    + WalrusErrorMessage.describe(status, body));
        }
        String error = WalrusErrorMessage.describe(status, body);
        if (status == 413) {
            throw new BlobTooLargeException("Walrus publisher refused the bundle as too large (" + error + ")");
        }
        if (status == 504) {
            throw new WalrusException("Walrus publisher timed out storing the bundle (" + error + "); try again");
        }
        throw new WalrusException("Walrus publisher refused the bundle: " + error);
    }
}
