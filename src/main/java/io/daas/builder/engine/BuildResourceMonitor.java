package io.daas.builder.engine;

import com.github.dockerjava.api.DockerClient;
import org.springframework.stereotype.Component;

/** Watches what a build's steps use on the engine (memory, CPU), by following its step containers. */
@Component
public class BuildResourceMonitor {

    private final DockerClient docker;

    BuildResourceMonitor(DockerClient docker) {
        this.docker = docker;
    }

    /** Starts watching one build; feed it the build's output lines, close it when the build ends. */
    public ResourceWatch watch() {
        return new ResourceWatch(docker);
    }
}
