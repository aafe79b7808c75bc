package io.daas.builder.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A second, private engine that listens on loopback TCP with mutual TLS (scripts/tls-engine.sh),
 * in its own folder and on a free port, stopped and deleted by {@link #close()}.
 */
public final class TlsEngine implements AutoCloseable {

    private final Path root;
    private final int port;

    private TlsEngine(Path root, int port) {
        this.root = root;
        this.port = port;
    }

    /** Starts the engine under {@code root} and copies the given images into it from the main engine. */
    public static TlsEngine start(Path root, String... images) throws IOException, InterruptedException {
        TlsEngine engine = new TlsEngine(root, freePort());
        engine.script("up");
        if (images.length > 0) {
            String[] load = new String[images.length + 1];
            load[0] = "load";
            System.arraycopy(images, 0, load, 1, images.length);
            engine.script(load);
        }
        return engine;
    }

    public int port() {
        return port;
    }

    /** DOCKER_HOST as the service (on the host network) reaches it. */
    public String dockerHost() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The folder with the client's ca.pem, cert.pem and key.pem (DOCKER_CERT_PATH). */
    public Path clientCerts() {
        return root.resolve("certs/client");
    }

    /** The folder with the CA, server and client certificates (scripts/tls-certs.sh). */
    public Path certs() {
        return root.resolve("certs");
    }

    /** A docker-java client with the given DOCKER_CERT_PATH folder. */
    public DockerClient client(Path certPath) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost())
                .withDockerTlsVerify(true)
                .withDockerCertPath(certPath.toString())
                .build();
        return DockerClientImpl.getInstance(
                config,
                new ApacheDockerHttpClient.Builder()
                        .dockerHost(config.getDockerHost())
                        .sslConfig(config.getSSLConfig())
                        .connectionTimeout(Duration.ofSeconds(5))
                        .responseTimeout(Duration.ofSeconds(30))
                        .build());
    }

    /** A client with the right certificates. */
    public DockerClient client() {
        return client(clientCerts());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("purge");
    }

    private void script(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = "scripts/tls-engine.sh";
        System.arraycopy(args, 0, command, 2, args.length);
        Scripts.run(
                Map.of("DAAS_TLS_ENGINE_ROOT", root.toString(), "DAAS_TLS_ENGINE_PORT", String.valueOf(port)),
                Duration.ofMinutes(3),
                command);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
