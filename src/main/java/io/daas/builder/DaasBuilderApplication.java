package io.daas.builder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Entry point of the DAAS Builder service. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DaasBuilderApplication {

    public static void main(String[] args) {
        SpringApplication.run(DaasBuilderApplication.class, args);
    }
}
