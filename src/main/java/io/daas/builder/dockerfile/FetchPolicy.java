package io.daas.builder.dockerfile;

import java.util.List;

/**
 * The policy on what a build may fetch, checked on the Dockerfile that will be built before the
 * engine sees it: the images of {@code FROM}, {@code COPY --from} and {@code RUN --mount=from=}
 * (see {@link ImageRule}), the sources of {@code ADD} (see {@link SourceRule}), and the same in
 * {@code ONBUILD} triggers, with ARGs (defaults and the request's build args) and ENVs substituted
 * as the builder substitutes them.
 */
public final class FetchPolicy {

    private static final int MAX_REFUSALS = 5;

    private final FetchRules rules;

    public FetchPolicy(FetchRules rules) {
        this.rules = rules;
    }

    /**
     * Checks a Dockerfile for a build.
     *
     * @param path where the Dockerfile is, for the message
     * @throws DockerfileRefusedException naming each refused line and its rule
     */
    public void verify(String path, String dockerfile, FetchContext context) {
        List<Refusal> refusals = check(DockerfileParser.parse(dockerfile), context);
        if (!refusals.isEmpty()) {
            throw new DockerfileRefusedException(path, refusals.subList(0, Math.min(MAX_REFUSALS, refusals.size())));
        }
    }

    /** Every refusal of a parsed Dockerfile, in line order; empty when it may be built. */
    public List<Refusal> check(ParsedDockerfile dockerfile, FetchContext context) {
        return new FetchWalk(rules, dockerfile, context).run();
    }

    /** The rules in force. */
    public FetchRules rules() {
        return rules;
    }
}
