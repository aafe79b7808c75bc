package io.daas.builder.lifecycle;

import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.RegistryProperties;
import io.daas.builder.detect.DetectionSettings;
import io.daas.builder.detect.ProjectDetector;
import io.daas.builder.registry.TenantNamespaces;
import io.daas.builder.security.SecurityProperties;
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
}
