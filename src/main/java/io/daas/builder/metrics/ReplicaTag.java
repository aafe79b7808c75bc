package io.daas.builder.metrics;

import io.daas.builder.config.BuilderProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@code replica=<REPLICA_NAME>} on every meter, so the replicas on one dashboard tell apart. */
@Configuration(proxyBeanMethods = false)
class ReplicaTag {

    @Bean
    MeterRegistryCustomizer<MeterRegistry> replicaCommonTag(BuilderProperties properties) {
        return registry ->
                registry.config().commonTags("replica", properties.replica().name());
    }
}
