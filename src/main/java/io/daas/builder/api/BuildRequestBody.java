package io.daas.builder.api;

import io.daas.builder.build.PushRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** Body of {@code POST /api/docker/build}, as the original service defined it, plus the DAAS wallet. */
record BuildRequestBody(
        String bundleId, Options buildOptions, Registry registry, String callbackUrl, String walletAddress) {

    /**
     * {@code buildOptions}: how to build. {@code reproducible}: pin the base images by digest, pass
     * SOURCE_DATE_EPOCH and normalise the image so the same bundle gives the same image id
     * (docs/verifiable-builds.md); {@code sourceDateEpoch}: its time in seconds, else the bundle's
     * newest file time.
     */
    record Options(
            String platform,
            String dockerfile,
            Map<String, String> buildArgs,
            Map<String, String> labels,
            String target,
            Boolean noCache,

            @Schema(
                    description = "Pin base images by digest, pass SOURCE_DATE_EPOCH and normalise the image so"
                            + " the same bundle gives the same image id (docs/verifiable-builds.md)")
            Boolean reproducible,

            @Schema(
                    description = "SOURCE_DATE_EPOCH (seconds) of a reproducible build; default: the newest"
                            + " file time in the bundle")
            Long sourceDateEpoch) {}

    /** {@code registry}: where to push the image when it is built; repository and tag are optional. */
    record Registry(String url, String username, String password, String namespace, String repository, String tag) {

        PushRequest toPushRequest() {
            return new PushRequest(url, username, password, namespace, repository, tag);
        }

        @Override
        public String toString() {
            return "Registry[url=" + url + ", username=" + username + ", password=***, namespace=" + namespace
                    + ", repository=" + repository + ", tag=" + tag + "]";
        }
    }
}
