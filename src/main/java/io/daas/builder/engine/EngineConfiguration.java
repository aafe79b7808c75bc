package io.daas.builder.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connects docker-java to the engine named by DOCKER_HOST (default: the local socket). */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    DockerClientConfig dockerClientConfig() {
        // The engine's API version is negotiated: leave it unset (engine 20.10 reports 1.41).
        return DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    }

    @Bean
    DockerHttpClient dockerHttpClient(DockerClientConfig config) {
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(200)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Bean(destroyMethod = "close")
    DockerClient dockerClient(DockerClientConfig config, DockerHttpClient http) {
        return DockerClientImpl.getInstance(config, http);
    }
}
