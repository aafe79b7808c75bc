package io.daas.builder.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.util.FileSystemUtils;

/**
 * Service processes (the packaged jar) on one fresh PostgreSQL schema with the shared build queue,
 * each on one of two real engines: the first ({@code DOCKER_HOST}) and the second private dockerd of
 * {@code scripts/engine.sh second up} ({@code DAAS_SECOND_DOCKER_HOST}), for the tests of issue 17.
 */
public final class ReplicaCluster implements AutoCloseable {

    /** One engine as the tests see it: its DOCKER_HOST (null: the client's default) and a client. */
    public record Engine(String name, String host, DockerClient client) {

        public boolean hasImage(String image) {
            try {
                client.inspectImageCmd(image).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        }

        public void removeImage(String image) {
            try {
                client.removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException e) {
                // never made here, or already gone
            }
        }

        /** Running containers whose command carries {@code marker} (a build step's RUN). */
        public long runningWith(String marker) {
            return client.listContainersCmd().exec().stream()
                    .filter(c -> c.getCommand() != null && c.getCommand().contains(marker))
                    .count();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final String schema;
    private final Map<String, String> common;
    private final Path work;
    private final Engine first;
    private final Engine second;
    private final Map<String, ServiceProcess> replicas = new LinkedHashMap<>();
    private final Map<String, Engine> engines = new HashMap<>();

    private ReplicaCluster(String schema, Map<String, String> common, Path work, Engine first, Engine second) {
        this.schema = schema;
        this.common = common;
        this.work = work;
        this.first = first;
        this.second = second;
    }

    /** A new schema and a work folder; {@code settings} go to every replica this cluster starts. */
    public static ReplicaCluster create(Map<String, String> settings) throws Exception {
        TestEngine.client();
        Engine first = new Engine("first engine", System.getenv("DOCKER_HOST"), TestEngine.client());
        Engine second = new Engine("second engine", secondHost(), client(secondHost()));
        String schema = PostgresSchemas.fresh("cluster");
        Map<String, String> common = new HashMap<>(PostgresSchemas.settings(schema));
        common.put("BUILD_QUEUE", "shared");
        common.put("BUNDLE_STORE", "database");
        common.putAll(settings);
        return new ReplicaCluster(schema, common, Files.createTempDirectory("daas-cluster-"), first, second);
    }

    public Engine firstEngine() {
        return first;
    }

    public Engine secondEngine() {
        return second;
    }

    /** Starts these replicas side by side (name to engine), each with the extra settings given. */
    public void start(Map<String, Engine> names, Map<String, String> extra) {
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        names.forEach((name, engine) -> starting.add(CompletableFuture.runAsync(() -> {
            try {
                start(name, engine, extra);
            } catch (Exception e) {
                throw new IllegalStateException(name + " did not start: " + e.getMessage(), e);
            }
        })));
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
    }

    /** Starts one replica named {@code name} on {@code engine} (ServiceProcess gives it its loopback REPLICA_URL). */
    public ServiceProcess start(String name, Engine engine, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(common);
        env.putAll(extra);
        env.put("REPLICA_NAME", name);
        if (engine.host() != null) {
            env.put("DOCKER_HOST", engine.host());
        }
        ServiceProcess process = ServiceProcess.start(Files.createDirectories(work.resolve(name)), env);
        synchronized (this) {
            replicas.put(name, process);
            engines.put(name, engine);
        }
        return process;
    }

    public synchronized ServiceProcess replica(String name) {
        ServiceProcess p = replicas.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no replica " + name + " in " + replicas.keySet());
        }
        return p;
    }

    public synchronized Engine engineOf(String name) {
        return engines.get(name);
    }

    public Engine otherEngine(Engine engine) {
        return engine == first ? second : first;
    }

    /** Forgets a replica that is gone (killed or stopped), so that closing the cluster leaves it be. */
    public synchronized void forget(String name) {
        replicas.remove(name);
    }

    /** Where the service logs of every replica are, to read when a test fails. */
    public Path work() {
        return work;
    }

    /** Stops the replicas still running, drops the schema and, unless {@code keepLogs}, the work folder. */
    public void close(boolean keepLogs) throws Exception {
        try {
            for (ServiceProcess p : List.copyOf(replicas.values())) {
                p.kill();
            }
        } finally {
            PostgresSchemas.drop(schema);
            if (!keepLogs) {
                FileSystemUtils.deleteRecursively(work);
            }
        }
    }

    @Override
    public void close() throws Exception {
        close(false);
    }

    private static String secondHost() {
        String host = System.getenv("DAAS_SECOND_DOCKER_HOST");
        if (host == null || host.isBlank()) {
            throw new IllegalStateException("no second engine: run scripts/engine.sh second up and eval"
                    + " \"$(scripts/engine.sh second env)\" (scripts/test.sh does both)");
        }
        return host;
    }

    private static DockerClient client(String host) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .build();
        DockerClient client = DockerClientImpl.getInstance(
                config,
                new ApacheDockerHttpClient.Builder()
                        .dockerHost(config.getDockerHost())
                        .build());
        client.pingCmd().exec();
        return client;
    }
}
