package io.daas.builder.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/** The packaged service (target/daas-builder.jar) run as its own process, to be killed for real. */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar with DATA_DIR and DOCKER_BUILD_DIR under {@code work}, waits until healthy. */
    public static ServiceProcess start(Path work, Map<String, String> env) throws IOException, InterruptedException {
        Path jar = Path.of("target/daas-builder.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("target/daas-builder.jar is missing: run mvn verify, which packages it");
        }
        int port = freePort();
        Path log = Files.createTempFile(work, "service-", ".log");
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
        pb.environment().put("PORT", String.valueOf(port));
        pb.environment().put("BIND_ADDRESS", "127.0.0.1");
        // where the other replicas on its database reach it (a push of a build it ran is sent there)
        pb.environment().put("REPLICA_URL", "http://127.0.0.1:" + port);
        pb.environment().put("DATA_DIR", work.resolve("data").toString());
        pb.environment().put("DOCKER_BUILD_DIR", work.resolve("builds").toString());
        // the registries and servers of the tests listen on loopback
        pb.environment().put("OUTBOUND_ALLOW_LOOPBACK", "true");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        ServiceProcess service = new ServiceProcess(pb.start(), port, log);
        // a loaded machine (several test runs at once) was seen to take over 100 s to start one
        service.awaitHealthy(Duration.ofSeconds(180));
        return service;
    }

    /** Its loopback port. */
    public int port() {
        return port;
    }

    public Api api() {
        return new Api(port);
    }

    /** Where it listens, like {@code http://127.0.0.1:PORT} (for clients other than {@link Api}, like SSE). */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** Kills the process at once (SIGKILL), as a crash or an OOM kill would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private void awaitHealthy(Duration timeout) throws IOException {
        Api api = api();
        try {
            Poll.every(Duration.ofMillis(250), timeout).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("service exited: " + Files.readString(log));
                }
                try {
                    return api.get("/health").status() == 200;
                } catch (RuntimeException e) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            // a process left behind would go on with its database (and build) after the test is over
            process.destroyForcibly();
            throw new IllegalStateException("service not healthy in time: " + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
