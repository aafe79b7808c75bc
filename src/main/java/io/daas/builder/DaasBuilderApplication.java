package io.daas.builder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the DAAS Builder service. */
@SpringBootApplication
public class DaasBuilderApplication {

    public static void main(String[] args) {
        SpringApplication.run(DaasBuilderApplication.class, args);
    }
}
