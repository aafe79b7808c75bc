package io.daas.builder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes/: every manifest parses into typed objects with no unknown field, and is locked down. */
class KubernetesManifestsTests {

    private static final Path DIR = Path.of("deploy/kubernetes");
    private static final Map<String, String> APP = Map.of("app.kubernetes.io/name", "daas-builder");

    private final List<HasMetadata> objects = all();

    @Test
    void theKustomizationListsEveryManifestAndEveryManifestParses() throws IOException {
        JsonNode kustomization = StrictManifests.tree(Files.readString(DIR.resolve("kustomization.yaml")));
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));

        assertThat(listed).containsExactlyInAnyOrderElementsOf(manifestFiles());
        assertThat(objects)
                .extracting(HasMetadata::getKind)
                .contains(
                        "Namespace",
                        "ConfigMap",
                        "Secret",
                        "Deployment",
                        "Service",
                        "PodDisruptionBudget",
                        "NetworkPolicy");
        assertThat(kustomization.path("secretGenerator"))
                .extracting(g -> g.path("name").asText())
                .containsExactlyInAnyOrder("daas-engine-server-tls", "daas-engine-client-tls");
    }

    @Test
    void aManifestWithAnUnknownFieldIsRefused() {
        String typo = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
                spec:
                  replica: 3
                """;
        String nested = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: x
                spec:
                  ports:
                    - port: 80
                      targetport: 3001
                """;

        assertThatThrownBy(() -> StrictManifests.parse(typo))
                .hasRootCauseInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> StrictManifests.parse(nested))
                .hasRootCauseInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("targetport");
    }

    @Test
    void theServiceContainerRunsNonRootReadOnlyWithoutPrivilegesAndWithProbesAndLimits() {
        Deployment deployment = one(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container builder = container(pod, "builder");
        var security = builder.getSecurityContext();

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getRunAsUser()).isEqualTo(10001L);
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertHttpProbe(builder.getLivenessProbe(), "/actuator/health/liveness");
        assertHttpProbe(builder.getReadinessProbe(), "/actuator/health/readiness");
        assertThat(builder.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(builder.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getVolumes())
                .allSatisfy(v -> assertThat(v.getHostPath())
                        .as("volume %s must not be a host path", v.getName())
                        .isNull());
        assertThat(containers(pod))
                .flatExtracting(Container::getVolumeMounts)
                .extracting(VolumeMount::getMountPath)
                .noneMatch(path -> path.contains("docker.sock"));
    }

    @Test
    void theEngineIsAPrivilegedSidecarWithItsOwnStorageThatSpeaksOnlyTlsOnLoopback() {
        PodSpec pod = one(Deployment.class).getSpec().getTemplate().getSpec();
        Container engine = container(pod, "engine");
        Map<String, String> settings = one(ConfigMap.class).getData();

        assertThat(engine.getSecurityContext().getPrivileged()).isTrue();
        assertThat(containers(pod))
                .filteredOn(c -> c.getSecurityContext() != null
                        && Boolean.TRUE.equals(c.getSecurityContext().getPrivileged()))
                .extracting(Container::getName)
                .containsExactly("engine");
        VolumeMount dockerData = engine.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/var/lib/docker"))
                .findFirst()
                .orElseThrow();
        assertThat(volume(pod, dockerData.getName()).getEmptyDir()).isNotNull();
        assertThat(engine.getArgs())
                .contains("--tlsverify", "--host=tcp://127.0.0.1:2376")
                .filteredOn(a -> a.startsWith("--host=tcp://"))
                .containsExactly("--host=tcp://127.0.0.1:2376");
        assertThat(settings)
                .containsEntry("DOCKER_HOST", "tcp://127.0.0.1:2376")
                .containsEntry("DOCKER_TLS_VERIFY", "1")
                .containsEntry("BUILD_NETWORK", "none");
        assertThat(container(pod, "builder").getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo(settings.get("DOCKER_CERT_PATH"));
            assertThat(m.getReadOnly()).isTrue();
            assertThat(volume(pod, m.getName()).getSecret().getSecretName()).isEqualTo("daas-engine-client-tls");
        });
    }

    @Test
    void settingsPointAtPostgresAndSecretsStayInTheSecret() {
        Map<String, String> settings = one(ConfigMap.class).getData();
        Secret secret = one(Secret.class);

        assertThat(secret.getStringData().get("DATABASE_URL")).startsWith("jdbc:postgresql://");
        assertThat(settings)
                .containsEntry("SPRING_CONFIG_IMPORT", "optional:configtree:/run/secrets/daas/")
                .doesNotContainKeys(
                        "DATABASE_URL",
                        "DATABASE_USERNAME",
                        "DATABASE_PASSWORD",
                        "REGISTRY_PASSWORD",
                        "REGISTRY_USERNAME");
        assertThat(secret.getStringData())
                .containsOnlyKeys(
                        "api-tokens",
                        "DATABASE_URL",
                        "DATABASE_USERNAME",
                        "DATABASE_PASSWORD",
                        "REGISTRY_USERNAME",
                        "REGISTRY_PASSWORD");
        // the Secret's files are where the configtree import reads them
        PodSpec pod = one(Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(container(pod, "builder").getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath() + "/").isEqualTo("/run/secrets/daas/");
            assertThat(volume(pod, m.getName()).getSecret().getSecretName())
                    .isEqualTo(secret.getMetadata().getName());
        });
        // as shipped the tokens file holds no token, so the service refuses to start until it is filled
        assertThat(secret.getStringData().get("api-tokens").lines()).allMatch(l -> l.isBlank() || l.startsWith("#"));
    }

    @Test
    void theServiceAndTheDisruptionBudgetSelectThePods() {
        Deployment deployment = one(Deployment.class);

        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(APP);
        assertThat(one(Service.class).getSpec().getSelector()).isEqualTo(APP);
        assertThat(one(PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels())
                .isEqualTo(APP);
        assertThat(one(PodDisruptionBudget.class).getSpec().getMaxUnavailable().getIntVal())
                .isEqualTo(1);
    }

    @Test
    void networkPoliciesDenyByDefaultAndKeepThePodsFromMetadataAndPrivateAddresses() throws IOException {
        List<NetworkPolicy> policies = all(NetworkPolicy.class);
        NetworkPolicy builder = policies.stream()
                .filter(p -> APP.equals(p.getSpec().getPodSelector().getMatchLabels()))
                .findFirst()
                .orElseThrow();
        List<NetworkPolicyEgressRule> egress = builder.getSpec().getEgress();

        assertThat(policies).anySatisfy(p -> {
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
            assertThat(p.getSpec().getEgress()).isNullOrEmpty();
        });
        assertThat(builder.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(egress)
                .allSatisfy(rule -> assertThat(rule.getTo())
                        .as("an egress rule to anywhere")
                        .isNotEmpty());
        // PostgreSQL by its pods, on 5432 only
        assertThat(egress).anySatisfy(rule -> {
            assertThat(rule.getTo())
                    .extracting(peer -> peer.getPodSelector().getMatchLabels())
                    .containsExactly(Map.of("app.kubernetes.io/name", "postgres"));
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(5432);
        });
        // the other replicas by their pods, on the API's port only (a push routed to the image's engine)
        assertThat(egress).anySatisfy(rule -> {
            assertThat(rule.getTo())
                    .extracting(peer -> peer.getPodSelector().getMatchLabels())
                    .containsExactly(APP);
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(3001);
        });
        // by address: cloud metadata, the service and database (private addresses) are never allowed
        List<IPBlock> blocks = egress.stream()
                .flatMap(rule -> rule.getTo().stream())
                .map(NetworkPolicyPeer::getIpBlock)
                .filter(b -> b != null)
                .toList();
        assertThat(blocks).isNotEmpty();
        for (String address :
                List.of("169.254.169.254", "10.0.0.5", "172.20.0.5", "192.168.1.5", "100.64.0.1", "fd00:ec2::254")) {
            assertThat(blocks).as("egress to %s", address).noneMatch(b -> allows(b, address));
        }
        assertThat(blocks).anyMatch(b -> allows(b, "203.0.113.7")).anyMatch(b -> allows(b, "2001:db8::7"));
        // PostgreSQL answers the service pods only
        NetworkPolicy postgres = policies.stream()
                .filter(p -> Map.of("app.kubernetes.io/name", "postgres")
                        .equals(p.getSpec().getPodSelector().getMatchLabels()))
                .findFirst()
                .orElseThrow();
        assertThat(postgres.getSpec().getIngress())
                .singleElement()
                .satisfies(rule -> assertThat(rule.getFrom())
                        .extracting(peer -> peer.getPodSelector().getMatchLabels())
                        .containsExactly(APP));
    }

    @Test
    void threeReplicasShareTheQueueAndTheBundlesThroughPostgres() throws IOException {
        Deployment deployment = one(Deployment.class);
        Map<String, String> settings = one(ConfigMap.class).getData();

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(settings)
                .containsEntry("BUILD_QUEUE", "shared")
                .containsEntry("BUNDLE_STORE", "database")
                .containsKeys("DRAIN_TIMEOUT", "REPLICA_LOST_AFTER", "MAX_CONCURRENT_BUILDS");
        assertThat(Long.parseLong(settings.get("REPLICA_LOST_AFTER"))).isBetween(6L, 60L);
        assertThat(Files.readString(DIR.resolve("deployment.yaml")))
                .doesNotContainIgnoringCase("not yet")
                .doesNotContain("ISSUE 17")
                .doesNotContain("sessionAffinity");
        assertThat(one(Service.class).getSpec().getSessionAffinity()).isNotEqualTo("ClientIP");
    }

    @Test
    void eachReplicaIsNamedAfterItsPodAndReachedAtThePodAddress() {
        PodSpec pod = one(Deployment.class).getSpec().getTemplate().getSpec();
        Container builder = container(pod, "builder");
        List<EnvVar> env = builder.getEnv();
        int port = builder.getPorts().get(0).getContainerPort();

        assertThat(String.valueOf(port))
                .isEqualTo(one(ConfigMap.class).getData().get("PORT"));
        assertThat(fieldRef(env, "REPLICA_NAME")).isEqualTo("metadata.name");
        assertThat(fieldRef(env, "POD_IP")).isEqualTo("status.podIP");
        assertThat(value(env, "REPLICA_URL")).isEqualTo("http://$(POD_IP):" + port);
        // $(POD_IP) expands only to a variable defined earlier in the list
        assertThat(env.stream().map(EnvVar::getName).toList().indexOf("POD_IP"))
                .isLessThan(env.stream().map(EnvVar::getName).toList().indexOf("REPLICA_URL"));
    }

    @Test
    void aStoppedReplicaDrainsWithItsEngineBeforeKubernetesKillsIt() {
        PodSpec pod = one(Deployment.class).getSpec().getTemplate().getSpec();
        long drain = Long.parseLong(one(ConfigMap.class).getData().get("DRAIN_TIMEOUT"));

        // the web server's graceful stop (30 s), the drain, the hand-back of what still runs and
        // the engine's own stop fit in the grace period
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(30 + drain);
        // the engine is a sidecar (an init container that keeps running): Kubernetes stops it only
        // after the service has exited, so the builds a draining replica lets finish keep their engine
        assertThat(pod.getInitContainers()).singleElement().satisfies(engine -> {
            assertThat(engine.getName()).isEqualTo("engine");
            assertThat(engine.getRestartPolicy()).isEqualTo("Always");
            assertThat(engine.getStartupProbe()).isNotNull();
        });
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("builder");
        // each replica has an engine of its own, never one shared between pods
        assertThat(pod.getVolumes())
                .filteredOn(v -> v.getName().equals("docker-data"))
                .singleElement()
                .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    }

    private static boolean allows(IPBlock block, String address) {
        return Cidr.parse(block.getCidr()).contains(address)
                && (block.getExcept() == null
                        || block.getExcept().stream()
                                .noneMatch(e -> Cidr.parse(e).contains(address)));
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).as("probe on " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    private static Container container(PodSpec pod, String name) {
        return containers(pod).stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    /** The pod's containers, sidecars (init containers that keep running) included. */
    private static List<Container> containers(PodSpec pod) {
        List<Container> all = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        return all;
    }

    private static String fieldRef(List<EnvVar> env, String name) {
        EnvVar found = env(env, name);
        assertThat(found.getValueFrom()).as(name + " from the pod").isNotNull();
        return found.getValueFrom().getFieldRef().getFieldPath();
    }

    private static String value(List<EnvVar> env, String name) {
        return env(env, name).getValue();
    }

    private static EnvVar env(List<EnvVar> env, String name) {
        return env.stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no variable " + name));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private <T> T one(Class<T> type) {
        List<T> found = all(type);
        assertThat(found).as("one " + type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private <T> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<String> manifestFiles() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<HasMetadata> all() {
        List<HasMetadata> all = new ArrayList<>();
        for (String file : manifestFiles()) {
            try {
                all.addAll(StrictManifests.parse(Files.readString(DIR.resolve(file))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /** An IPv4 or IPv6 CIDR block, to check what a NetworkPolicy's ipBlock lets through. */
    private record Cidr(byte[] network, int bits) {
        static Cidr parse(String cidr) {
            String[] parts = cidr.split("/");
            try {
                return new Cidr(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean contains(String address) {
            byte[] a;
            try {
                a = InetAddress.getByName(address).getAddress();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (a.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
