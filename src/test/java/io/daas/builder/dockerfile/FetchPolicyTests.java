package io.daas.builder.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.dockerfile.FetchContext.LocalImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FetchPolicyTests {

    private static final FetchRules.HostCheck HOSTS = (host, forAdd) ->
            host.startsWith("127.") || host.equals("localhost") || host.startsWith("10.") || host.startsWith("169.254.")
                    ? Optional.of("Requests to '" + host + "' are refused")
                    : Optional.empty();
    private static final FetchRules RULES = rules(false);
    private static final Map<String, String> BUILDS = Map.of("a-build", "tenant-a", "b-build", "tenant-b");
    private static final Map<String, LocalImage> LOCAL = Map.of(
            "ghcr.io/tenant-a/app:v1", new LocalImage("a-build", List.of()),
            "busybox:triggers", new LocalImage(null, List.of("ADD http://127.0.0.1:9/x /x")),
            "busybox:mine", new LocalImage("b-build", List.of()));

    private static FetchRules rules(boolean allowAddUrl) {
        return new FetchRules(
                Set.copyOf(FetchRules.PUBLIC_REGISTRIES),
                allowAddUrl,
                List.of("127.0.0.1:5000/mirror", "daas-test/busybox:1"),
                "http://127.0.0.1:5000/",
                HOSTS);
    }

    private static FetchContext context(Map<String, String> buildArgs) {
        return new FetchContext(
                "tenant-b",
                buildArgs,
                path -> path.startsWith("daas/tenant-b/"),
                id -> Optional.ofNullable(BUILDS.get(id)),
                ref -> Optional.ofNullable(LOCAL.get(ref)));
    }

    private static List<Refusal> check(String dockerfile) {
        return check(RULES, dockerfile, Map.of());
    }

    private static List<Refusal> check(FetchRules rules, String dockerfile, Map<String, String> args) {
        return new FetchPolicy(rules).check(DockerfileParser.parse(dockerfile), context(args));
    }

    @Test
    void publicImagesStagesScratchTheMirrorAndOwnBuildsPass() {
        assertThat(check(String.join(
                        "\n",
                        "FROM busybox:1.36 AS base",
                        "FROM gcr.io/distroless/static-debian12 AS b2",
                        "FROM 127.0.0.1:5000/mirror/node:22-slim AS build",
                        "COPY --from=base /a /b",
                        "COPY --from=0 /a /b",
                        "COPY --from=quay.io/x/y:1 /a /b",
                        "FROM daas-app:b-build",
                        "FROM 127.0.0.1:5000/daas/tenant-b/app:v1",
                        "FROM base",
                        "FROM busybox:mine",
                        "FROM scratch",
                        "ADD local.tar.gz /x",
                        "ADD [\"dir/\", \"/y\"]")))
                .isEmpty();
    }

    @Test
    void anotherTenantsLocalImageIsRefusedInEverySpelling() {
        for (String from : List.of(
                "FROM daas-app:a-build",
                "FROM docker.io/library/daas-app:a-build",
                "FROM index.docker.io/library/daas-app:a-build",
                "FROM daas-app@sha256:" + "c".repeat(64),
                "FROM daas-app:no-such-build",
                "FROM daas-app",
                "FROM busybox\nCOPY --from=daas-app:a-build / /",
                "FROM busybox\nRUN --mount=type=bind,from=daas-app:a-build,target=/x cat /x/secret",
                "FROM busybox\nRUN --mount=type=cache,from=daas-app:a-build,target=/x true",
                "FROM busybox\nONBUILD COPY --from=daas-app:a-build / /",
                "FROM ghcr.io/tenant-a/app:v1")) {
            assertThat(check(from))
                    .as(from)
                    .singleElement()
                    .satisfies(r -> assertThat(r.rule()).isEqualTo("another tenant's image"));
        }
    }

    @Test
    void aStageIsOnlyAStageOnceItIsCompleteElseItIsCheckedAsAnImage() {
        assertThat(check("FROM busybox AS app\nCOPY --from=app / /\n")).isEmpty(); // docker.io/library/app
        assertThat(check("FROM busybox AS a\nCOPY --from=a / /\n")) // not yet a stage: "a" may be an image id
                .extracting(Refusal::rule)
                .containsExactly("image id");
        assertThat(check("FROM busybox\nCOPY --from=0 / /\n"))
                .extracting(Refusal::rule)
                .containsExactly("image id");
        assertThat(check("FROM busybox AS a\nFROM busybox\nCOPY --from=0 / /\nCOPY --from=A / /\n"))
                .isEmpty();
    }

    @Test
    void imageIdsAreRefusedBecauseTheEngineLooksThemUpLocally() {
        assertThat(check("FROM 4f2a9c")).extracting(Refusal::rule).containsExactly("image id");
        assertThat(check("FROM sha256:" + "d".repeat(64)))
                .extracting(Refusal::rule)
                .containsExactly("image id");
        assertThat(check("FROM busybox\nCOPY --from=0123abcd / /"))
                .extracting(Refusal::rule)
                .containsExactly("image id");
    }

    @Test
    void registriesOutsideTheListAndOtherNamespacesOfTheDefaultRegistryAreRefused() {
        assertThat(check("FROM 127.0.0.1:5000/daas/tenant-a/daas-app:v1"))
                .extracting(Refusal::rule)
                .containsExactly("tenant namespace");
        assertThat(check("FROM 127.0.0.1:5000/other:v1"))
                .extracting(Refusal::rule)
                .containsExactly("tenant namespace");
        assertThat(check("FROM 127.0.0.1:5001/mirror/node"))
                .extracting(Refusal::rule)
                .containsExactly("base image registry");
        assertThat(check("FROM localhost:5000/mirror/node"))
                .extracting(Refusal::rule)
                .containsExactly("base image registry");
        assertThat(check("FROM 169.254.169.254/x")).extracting(Refusal::rule).containsExactly("base image registry");
        assertThat(check("FROM Metadata/x")).extracting(Refusal::rule).containsExactly("base image registry");
    }

    @Test
    void anAllowedRegistryThatTheOutboundPolicyRefusesIsRefused() {
        FetchRules rules = new FetchRules(Set.of("10.0.0.5:5000"), false, List.of(), null, HOSTS);

        assertThat(check(rules, "FROM 10.0.0.5:5000/x", Map.of()))
                .extracting(Refusal::rule)
                .containsExactly("outbound policy");
    }

    @Test
    void argsBeforeFromAreSubstitutedWithDefaultsAndBuildArgs() {
        String dockerfile = "ARG REG=docker.io\nARG IMG=${REG}/library/busybox\nFROM $IMG\n";

        assertThat(check(RULES, dockerfile, Map.of())).isEmpty();
        assertThat(check(RULES, dockerfile, Map.of("IMG", "daas-app:a-build")))
                .extracting(Refusal::rule)
                .containsExactly("another tenant's image");
        assertThat(check(RULES, dockerfile, Map.of("REG", "127.0.0.1:9999")))
                .extracting(Refusal::rule)
                .containsExactly("base image registry");
        assertThat(check(RULES, "ARG X=daas-app:a-build\nARG X=busybox Y=$X\nFROM $Y\n", Map.of()))
                .extracting(Refusal::rule)
                .containsExactly("another tenant's image");
        assertThat(check(RULES, "ARG X\nFROM ${X:-daas-app}:a-build\n", Map.of()))
                .extracting(Refusal::rule)
                .containsExactly("another tenant's image");
        assertThat(check(RULES, "FROM ${NOT_DECLARED}busybox\n", Map.of("NOT_DECLARED", "daas-app:a-build#")))
                .isEmpty();
    }

    @Test
    void addOfAUrlIsRefusedUnlessAllowedAndThenOnlyToAllowedHosts() {
        String lan = "FROM busybox\nADD http://127.0.0.1:8080/secret /s\n";
        String pub = "FROM busybox\nADD --chown=1:1 https://example.com/f.tgz /s\n";

        assertThat(check(lan)).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo("ADD URL");
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.message()).contains("ALLOW_ADD_URL", "http://127.0.0.1:8080/secret");
        });
        assertThat(check(pub)).extracting(Refusal::rule).containsExactly("ADD URL");
        assertThat(check(rules(true), lan, Map.of())).extracting(Refusal::rule).containsExactly("outbound policy");
        assertThat(check(rules(true), pub, Map.of())).isEmpty();
        assertThat(check(rules(true), "FROM busybox\nADD git@github.com:a/b.git /s\n", Map.of()))
                .extracting(Refusal::rule)
                .containsExactly("ADD URL");
    }

    @Test
    void addSourcesAreRefusedInEveryFormAndThroughVariables() {
        for (String add : List.of(
                "ADD [\"http://127.0.0.1:1/s\", \"/s\"]",
                "ADD HTTP://127.0.0.1:1/s /s",
                "ADD a http://127.0.0.1:1/s /dst/",
                "ARG U=http://127.0.0.1:1\nADD $U/s /s",
                "ENV U=http://127.0.0.1:1\nADD ${U}/s /s",
                "ENV U http://127.0.0.1:1\nADD ${U}/s /s",
                "ENV FROM_BASE=x B=$FROM_BASE\nADD $B/s /s",
                "ADD $FROM_BASE_IMAGE /s",
                "ADD ht${X}tp://127.0.0.1:1/s /s",
                "ADD \"http://127.0.0.1:1/s\" /s",
                "ADD git://internal/repo /s",
                "ONBUILD ADD http://127.0.0.1:1/s /s",
                "ONBUILD ADD $LATER /s")) {
            assertThat(check("FROM busybox\n" + add + "\n"))
                    .as(add)
                    .extracting(Refusal::rule)
                    .containsExactly("ADD URL");
        }
        assertThat(check("FROM busybox\nADD src/$VERSION.tar /s\n")).isEmpty();
        assertThat(check(RULES, "FROM busybox\nARG U\nADD $U/s /s\n", Map.of("U", "http://127.0.0.1:1")))
                .extracting(Refusal::rule)
                .containsExactly("ADD URL");
    }

    @Test
    void theEscapeDirectiveCannotHideAUrl() {
        assertThat(check("# escape=`\nFROM busybox\nADD http://127.0.0.1:1/`\nsecret /s\n"))
                .singleElement()
                .satisfies(r -> assertThat(r.line()).isEqualTo(3));
    }

    @Test
    void onbuildTriggersOfALocalBaseImageAreChecked() {
        assertThat(check("FROM busybox:triggers\n"))
                .singleElement()
                .satisfies(r -> assertThat(r.message()).contains("ONBUILD trigger of busybox:triggers"));
    }

    @Test
    void verifyFailsNamingEachLineAndRule() {
        FetchPolicy policy = new FetchPolicy(RULES);

        assertThatThrownBy(() -> policy.verify(
                        "Dockerfile",
                        "FROM busybox\nADD http://127.0.0.1:1/s /s\nFROM daas-app:a-build\n",
                        context(Map.of())))
                .isInstanceOf(DockerfileRefusedException.class)
                .hasMessageContaining("line 2:")
                .hasMessageContaining("[rule: ADD URL]")
                .hasMessageContaining("line 3:")
                .hasMessageContaining("[rule: another tenant's image]");
    }
}
