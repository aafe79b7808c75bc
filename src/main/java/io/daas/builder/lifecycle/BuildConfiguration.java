package io.daas.builder.lifecycle;

import io.daas.builder.builds.BuildRepository;
import io.daas.builder.bundle.BundleExtractor;
import io.daas.builder.bundle.BundleResolver;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.RegistryProperties;
import io.daas.builder.detect.DetectionSettings;
import io.daas.builder.detect.ProjectDetector;
import io.daas.builder.engine.DockerEngine;
import io.daas.builder.lifecycle.BuildExecution.BuildExecutionContext;
import io.daas.builder.plan.BuildDockerfileRepository;
import io.daas.builder.plan.BuildFetchPolicy;
import io.daas.builder.plan.DockerfileResolver;
import io.daas.builder.push.PushService;
import io.daas.builder.registry.TenantNamespaces;
import io.daas.builder.security.SecurityProperties;
import io.daas.builder.verify.VerifiableSteps;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires what every build execution needs. */
@Configuration(proxyBeanMethods = false)
class BuildConfiguration {

    @Bean
    DetectionSettings detectionSettings(BuilderProperties properties) {
        return new DetectionSettings(properties.baseImageMirror(), properties.baseImageOverrides());
    }

    /** The default registry's namespaces per tenant; partitioned when API tokens are configured. */
    @Bean
    TenantNamespaces tenantNamespaces(RegistryProperties registry, SecurityProperties security) {
        return new TenantNamespaces(registry.namespace(), security.tokensFile() != null);
    }

    @Bean
    ProjectDetector projectDetector(DetectionSettings settings) {
        return new ProjectDetector(settings);
    }

    @Bean
    BuildExecutionContext buildExecutionContext(
            BuilderProperties properties,
            BuildRepository repository,
            BundleResolver bundles,
            BundleExtractor extractor,
            DockerEngine engine,
            ProjectDetector detector,
            BuildDockerfileRepository dockerfiles,
            DetectionSettings detection,
            PushService pushes,
            BuildTracker tracker,
            BuildFetchPolicy fetchPolicy,
            VerifiableSteps verifiable) {
        return new BuildExecutionContext(
                properties,
                repository,
                bundles,
                extractor,
                engine,
                new DockerfileResolver(detector, fetchPolicy),
                dockerfiles,
                detection,
                pushes,
                tracker,
                verifiable);
    }
}
