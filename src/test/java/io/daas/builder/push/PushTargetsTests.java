package io.daas.builder.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.config.RegistryProperties;
import io.daas.builder.registry.InvalidPushTargetException;
import io.daas.builder.registry.PushForbiddenException;
import io.daas.builder.registry.TenantNamespaces;
import io.daas.builder.security.Caller;
import io.daas.builder.security.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushTargetsTests {

    private static final PushTargets NO_DEFAULT = new PushTargets(new RegistryProperties("", "", "", "daas", 600));
    private static final PushTargets WITH_DEFAULT =
            new PushTargets(new RegistryProperties("registry.example.com", "env-user", "env-pass", "daas", 600));

    @Test
    void withoutARegistryAndWithoutADefaultTheUrlIsNamedAsMissing() {
        assertThatThrownBy(() -> NO_DEFAULT.resolve("b1", PushRequest.defaults(), Caller.open()))
                .isInstanceOf(InvalidPushTargetException.class)
                .hasMessageContaining("registry.url is required")
                .hasMessageContaining("REGISTRY_URL");
    }

    @Test
    void theOriginalNamingIsTheDefault() {
        PushTargets.Resolved r = NO_DEFAULT.resolve(
                "b1", new PushRequest("127.0.0.1:5000", null, null, null, null, null), Caller.open());

        assertThat(r.target().reference()).isEqualTo("127.0.0.1:5000/daas/daas-app:b1");
        assertThat(r.target().credentials().isAnonymous()).isTrue();
        assertThat(r.source()).isEqualTo(CredentialSource.NONE);
    }

    @Test
    void aUserNeedsAPasswordAndAPasswordAUser() {
        assertThatThrownBy(() ->
                        NO_DEFAULT.resolve("b1", new PushRequest("r.io", "me", null, null, null, null), Caller.open()))
                .hasMessageContaining("registry.password is required");
        assertThatThrownBy(() ->
                        NO_DEFAULT.resolve("b1", new PushRequest("r.io", null, "pw", null, null, null), Caller.open()))
                .hasMessageContaining("registry.username is required");
    }

    @Test
    void theDefaultCredentialsGoToTheDefaultRegistryOnly() {
        PushTargets.Resolved toDefault = WITH_DEFAULT.resolve("b1", PushRequest.defaults(), Caller.open());
        PushTargets.Resolved toDefaultByName = WITH_DEFAULT.resolve(
                "b1", new PushRequest("https://registry.example.com/", null, null, "team", "app", "v1"), Caller.open());
        PushTargets.Resolved elsewhere = WITH_DEFAULT.resolve(
                "b1", new PushRequest("other.example.com", null, null, null, null, null), Caller.open());

        assertThat(toDefault.source()).isEqualTo(CredentialSource.DEFAULT);
        assertThat(toDefault.target().credentials().username()).isEqualTo("env-user");
        assertThat(toDefaultByName.target().reference()).isEqualTo("registry.example.com/team/app:v1");
        assertThat(toDefaultByName.source()).isEqualTo(CredentialSource.DEFAULT);
        assertThat(elsewhere.source()).isEqualTo(CredentialSource.NONE);
        assertThat(elsewhere.target().credentials().isAnonymous()).isTrue();
    }

    @Test
    void credentialsInTheRequestWinAndAreMarkedAsHeldInMemory() {
        PushTargets.Resolved r =
                WITH_DEFAULT.resolve("b1", new PushRequest(null, "me", "pw", null, null, null), Caller.open());

        assertThat(r.source()).isEqualTo(CredentialSource.REQUEST);
        assertThat(r.target().credentials().username()).isEqualTo("me");
        assertThat(r.target().registry()).isEqualTo("registry.example.com");
    }

    @Test
    void withTokensATenantsPushToTheDefaultRegistryLandsInItsOwnNamespaceAndNowhereElse() {
        PushTargets partitioned = new PushTargets(
                new RegistryProperties("127.0.0.1:5000", "", "", "daas", 600),
                new TenantNamespaces("daas", true),
                List.of("127.0.0.1:5000/mirror"));
        Caller a = new Caller("tenant-a", Role.USER);
        Caller admin = new Caller("ops", Role.ADMIN);

        assertThat(partitioned.resolve("b1", PushRequest.defaults(), a).target().reference())
                .isEqualTo("127.0.0.1:5000/daas/tenant-a/daas-app:b1");
        assertThat(partitioned
                        .resolve("b1", new PushRequest(null, null, null, "daas/tenant-a/web", "app", "v1"), a)
                        .target()
                        .reference())
                .isEqualTo("127.0.0.1:5000/daas/tenant-a/web/app:v1");
        for (String namespace : List.of("tenanta", "daas/tenant-b", "daas/tenant-a-x", "daas", "mirror")) {
            assertThatThrownBy(() -> partitioned.resolve(
                            "b1", new PushRequest("127.0.0.1:5000", null, null, namespace, null, "v1"), a))
                    .as(namespace)
                    .isInstanceOf(PushForbiddenException.class)
                    .hasMessageContaining("daas/tenant-a");
        }
        assertThatThrownBy(() -> partitioned.resolve(
                        "b1", new PushRequest("localhost:5000", null, null, "daas/tenant-b", null, "v1"), a))
                .isInstanceOf(PushForbiddenException.class);
        assertThat(partitioned
                        .resolve("b1", new PushRequest(null, null, null, "mirror", "node", "22-slim"), admin)
                        .target()
                        .reference())
                .isEqualTo("127.0.0.1:5000/mirror/node:22-slim");
        assertThat(partitioned
                        .resolve("b1", PushRequest.defaults(), admin)
                        .target()
                        .namespace())
                .isEqualTo("daas");
    }

    @Test
    void theBaseImageMirrorIsReadOnlyToTenantsOnAnyRegistry() {
        PushTargets targets = new PushTargets(
                new RegistryProperties("", "", "", "daas", 600),
                new TenantNamespaces("daas", true),
                List.of("mirror.example.com:5000/mirror"));

        assertThatThrownBy(() -> targets.resolve(
                        "b1",
                        new PushRequest("mirror.example.com:5000", null, null, "mirror", "node", "22-slim"),
                        new Caller("tenant-a", Role.USER)))
                .isInstanceOf(PushForbiddenException.class)
                .hasMessageContaining("read-only");
        PushTargets loopback = new PushTargets(
                new RegistryProperties("", "", "", "daas", 600),
                new TenantNamespaces("daas", true),
                List.of("127.0.0.1:5000/mirror"));
        assertThatThrownBy(() -> loopback.resolve(
                        "b1",
                        new PushRequest("localhost:5000", null, null, "mirror/library", "node", "22"),
                        new Caller("tenant-a", Role.USER)))
                .isInstanceOf(PushForbiddenException.class);
        assertThat(loopback.resolve(
                                "b1",
                                new PushRequest("localhost:5000", null, null, "mirrors", "node", "22"),
                                new Caller("tenant-a", Role.USER))
                        .target()
                        .namespace())
                .isEqualTo("mirrors");
    }

    @Test
    void tenantNamespacesNeverCollide() {
        TenantNamespaces ns = new TenantNamespaces("daas", true);

        assertThat(ns.namespaceOf("tenant-a")).isEqualTo("daas/tenant-a");
        assertThat(ns.namespaceOf("Tenant-A")).startsWith("daas/tenant-a-").isNotEqualTo(ns.namespaceOf("tenant-a"));
        assertThat(ns.namespaceOf("a@corp")).isNotEqualTo(ns.namespaceOf("a:corp"));
        assertThat(ns.namespaceOf("team_a.eu")).isEqualTo("daas/team_a.eu");
        assertThat(ns.namespaceOf("x-")).matches("daas/x-[0-9a-f]{8}");
        assertThat(ns.mayRead("tenant-a", "daas/tenant-a/app")).isTrue();
        assertThat(ns.mayRead("tenant-a", "daas/tenant-ab/app")).isFalse();
        assertThat(new TenantNamespaces("daas", false).mayRead("tenant-a", "anything"))
                .isTrue();
    }
}
