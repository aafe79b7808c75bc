package io.daas.builder.build;

import io.daas.builder.build.BuildExecution.BuildExecutionContext;
import io.daas.builder.bundle.BundleExtractor;
import io.daas.builder.bundle.BundleResolver;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.engine.DockerEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires what every build execution needs. */
@Configuration(proxyBeanMethods = false)
class BuildConfiguration {

    @Bean
    BuildExecutionContext buildExecutionContext(
            BuilderProperties properties,
            BuildRepository repository,
            BuildLogRepository logRepository,
            BundleResolver bundles,
            BundleExtractor extractor,
            DockerEngine engine,
            BuildTracker tracker) {
        return new BuildExecutionContext(properties, repository, logRepository, bundles, extractor, engine, tracker);
    }
}
