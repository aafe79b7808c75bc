package io.daas.builder.config;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * DATA_DIR is made 0700 before the database opens in it (so nothing it holds is ever readable by
 * others, whatever the umask), and every file under it 0600 once the service runs; the root of
 * DOCKER_BUILD_DIR is 0700 too.
 */
@Configuration(proxyBeanMethods = false)
class DataDirectory {

    @Bean
    static BeanPostProcessor privateDataDirBeforeTheDatabase(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof DataSource) {
                    PrivateFiles.directory(
                            java.nio.file.Path.of(environment.getProperty("builder.data-dir", "./data")));
                }
                return bean;
            }
        };
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> privateDataFiles(BuilderProperties properties) {
        return event -> {
            PrivateFiles.directory(properties.dataDir());
            PrivateFiles.tree(properties.dataDir());
            PrivateFiles.directory(properties.buildDir());
        };
    }
}
