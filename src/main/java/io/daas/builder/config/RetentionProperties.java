package io.daas.builder.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long bundles and build logs are kept; build records stay.
 *
 * @param bundleDays stored bundles unused for this many days are deleted ({@code BUNDLE_RETENTION_DAYS},
 *     default 30; 0 = kept for ever)
 * @param logDays logs of builds that ended this many days ago are deleted ({@code LOG_RETENTION_DAYS},
 *     default 30; 0 = kept for ever)
 */
@ConfigurationProperties("builder.retention")
public record RetentionProperties(
        @DefaultValue("30") int bundleDays,
        @DefaultValue("30") int logDays) {}
