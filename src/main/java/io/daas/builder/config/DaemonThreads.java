package io.daas.builder.config;

import java.util.concurrent.ThreadFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** The one way the service makes its own threads: Spring's factory, daemon, named {@code prefix-N}. */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** Daemon threads named {@code name-1}, {@code name-2}, ... (daemon: they never hold the JVM up). */
    public static ThreadFactory named(String name) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(name + "-");
        factory.setDaemon(true);
        return factory;
    }
}
