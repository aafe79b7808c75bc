package io.daas.builder.dockerfile;

import io.daas.builder.errors.InvalidRequest;
import java.util.List;
import java.util.stream.Collectors;

/** The Dockerfile of a build breaks the fetch policy; nothing was sent to the engine. */
public class DockerfileRefusedException extends InvalidRequest {

    private final transient List<Refusal> refusals;

    public DockerfileRefusedException(String path, List<Refusal> refusals) {
        super("The Dockerfile " + path + " was refused before building: "
                + refusals.stream().map(Refusal::toString).collect(Collectors.joining("; ")));
        this.refusals = List.copyOf(refusals);
    }

    public List<Refusal> refusals() {
        return refusals;
    }
}
