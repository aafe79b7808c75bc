package io.daas.builder.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads the documented logging switches before logging starts: {@code LOG_FORMAT=json} gives one
 * JSON object per line (Elastic Common Schema, with the MDC's buildId), anything else readable
 * text; {@code DEBUG} (true, 1, yes or *) turns on debug output of the service.
 */
class LoggingEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        String format = env.getProperty("LOG_FORMAT", "text").trim().toLowerCase(Locale.ROOT);
        if (format.equals("json")) {
            props.put("logging.structured.format.console", "ecs");
            props.put("logging.structured.ecs.service.name", "daas-builder");
        }
        String debug = env.getProperty("DEBUG", "").trim().toLowerCase(Locale.ROOT);
        if (debug.equals("true") || debug.equals("1") || debug.equals("yes") || debug.equals("*")) {
            props.put("logging.level.io.daas.builder", "DEBUG");
        }
        if (!props.isEmpty()) {
            env.getPropertySources().addFirst(new MapPropertySource("daasLogging", props));
        }
    }
}
