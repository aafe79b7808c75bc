package io.daas.builder.api;

import io.daas.builder.build.PushRequest;
import java.util.Map;

/** Body of {@code POST /api/docker/build}, as the original service defined it, plus the DAAS wallet. */
record BuildRequestBody(
        String bundleId, Options buildOptions, Registry registry, String callbackUrl, String walletAddress) {

    /** {@code buildOptions}: how to build. */
    record Options(
            String platform,
            String dockerfile,
            Map<String, String> buildArgs,
            Map<String, String> labels,
            String target,
            Boolean noCache) {}

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
