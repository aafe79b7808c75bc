package io.daas.builder.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to build: a context folder, the Dockerfile inside it, and the engine options.
 *
 * @param contextDir the unpacked bundle
 * @param dockerfile path of the Dockerfile relative to contextDir
 * @param tag the tag the image gets, like daas-app:ID
 * @param buildArgs build arguments
 * @param labels labels set on the image
 * @param target stage to stop at, or null for the last one
 * @param platform platform like linux/amd64, or null for the engine's
 * @param networkMode network mode of RUN steps, or null for the engine's default
 * @param memoryBytes memory limit of each step, or null for none
 * @param cpus CPUs each step may use (like 1.5), or null for no limit
 * @param maxContextBytes largest build context sent to the engine, or 0 for no limit
 * @param noCache whether to ignore the layer cache
 * @param pidsLimit processes the build's steps may run at once, or null for no limit
 * @param diskLimitBytes bytes one step may write, or null for no limit
 */
public record ImageBuildSpec(
        Path contextDir,
        String dockerfile,
        String tag,
        Map<String, String> buildArgs,
        Map<String, String> labels,
        String target,
        String platform,
        String networkMode,
        Long memoryBytes,
        Double cpus,
        long maxContextBytes,
        boolean noCache,
        Integer pidsLimit,
        Long diskLimitBytes) {}
