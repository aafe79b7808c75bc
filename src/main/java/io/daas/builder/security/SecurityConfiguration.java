package io.daas.builder.security;

import io.daas.builder.security.body.JsonBodyLimitFilter;
import io.daas.builder.security.body.MinBodyRateFilter;
import io.daas.builder.security.body.SlowBodyValve;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Wires tokens, the filters in their order (headers, CORS, authentication, body rate, body limit), the
 * slow-body valve and binding.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    ApiTokens apiTokens(SecurityProperties properties) {
        if (properties.tokensFile() == null
                || properties.tokensFile().toString().isBlank()) {
            return ApiTokens.none();
        }
        ApiTokens tokens;
        try {
            tokens = ApiTokens.load(properties.tokensFile());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new io.daas.builder.config.InvalidSettingException(
                    "API_TOKENS_FILE",
                    e.getMessage(),
                    "write one 'token tenant [role]' per line, each token 16 to 512 characters without spaces or"
                            + " '#' (e.g. from: openssl rand -hex 32), or unset API_TOKENS_FILE to run open on"
                            + " loopback only",
                    e);
        }
        log.info("{} API token(s) loaded from {}", tokens.size(), properties.tokensFile());
        return tokens;
    }

    @Bean
    BindAddress bindAddress(SecurityProperties properties, ApiTokens tokens) {
        return new BindAddress(properties.bindAddress(), tokens.enabled());
    }

    @Bean
    static JsonErrorReportValve.Installer jsonErrorReportValve() {
        return new JsonErrorReportValve.Installer();
    }

    @Bean
    SlowBodyValve.Installer slowBodyValve(FairnessProperties fairness) {
        return new SlowBodyValve.Installer(fairness.maxBodyRequests());
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        FilterRegistrationBean<SecurityHeadersFilter> bean = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(SecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        List<String> origins = properties.corsAllowedOrigins();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        cors.setMaxAge(600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        FilterRegistrationBean<CorsFilter> bean = new FilterRegistrationBean<>(new CorsFilter(source));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        // No origin configured: CORS is off, and browsers keep their same-origin rule.
        bean.setEnabled(!origins.isEmpty());
        return bean;
    }

    @Bean
    FilterRegistrationBean<TokenAuthenticationFilter> tokenAuthenticationFilter(ApiTokens tokens) {
        FilterRegistrationBean<TokenAuthenticationFilter> bean =
                new FilterRegistrationBean<>(new TokenAuthenticationFilter(tokens));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return bean;
    }

    @Bean
    FilterRegistrationBean<MinBodyRateFilter> minBodyRateFilter(FairnessProperties fairness) {
        FilterRegistrationBean<MinBodyRateFilter> bean =
                new FilterRegistrationBean<>(new MinBodyRateFilter(fairness.minBodyRate()));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return bean;
    }

    @Bean
    FilterRegistrationBean<JsonBodyLimitFilter> jsonBodyLimitFilter(SecurityProperties properties) {
        FilterRegistrationBean<JsonBodyLimitFilter> bean =
                new FilterRegistrationBean<>(new JsonBodyLimitFilter(properties.maxJsonBody()));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return bean;
    }
}
