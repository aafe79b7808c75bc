package io.daas.builder.engine.run;

import io.daas.builder.engine.ImageBuildSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query of the engine's {@code POST /build} (classic builder), from a build spec. See
 * https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Image/operation/ImageBuild
 */
final class BuildQuery {

    private static final long CPU_PERIOD = 100_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BuildQuery() {}

    /** The query; {@code cgroupParent} (or null) is where the steps' containers go (the build's own cgroup). */
    static String of(ImageBuildSpec spec, String cgroupParent) {
        Map<String, String> q = new TreeMap<>();
        q.put("t", spec.tag());
        q.put("dockerfile", spec.dockerfile());
        q.put("rm", "1");
        q.put("forcerm", "1");
        q.put("nocache", spec.noCache() ? "1" : "0");
        q.put("buildargs", jsonObject(spec.buildArgs()));
        q.put("labels", jsonObject(spec.labels()));
        if (spec.target() != null) {
            q.put("target", spec.target());
        }
        if (spec.platform() != null) {
            q.put("platform", spec.platform());
        }
        if (spec.networkMode() != null && !spec.networkMode().isBlank()) {
            q.put("networkmode", spec.networkMode());
        }
        if (spec.memoryBytes() != null) {
            q.put("memory", String.valueOf(spec.memoryBytes()));
            q.put("memswap", String.valueOf(spec.memoryBytes()));
        }
        if (spec.cpus() != null && spec.cpus() > 0) {
            q.put("cpuperiod", String.valueOf(CPU_PERIOD));
            q.put("cpuquota", String.valueOf(Math.round(spec.cpus() * CPU_PERIOD)));
        }
        if (cgroupParent != null) {
            q.put("cgroupparent", cgroupParent);
        }
        return "/build?"
                + q.entrySet().stream()
                        .map(e -> e.getKey() + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&"));
    }

    /** The map as a JSON object, keys sorted, written by Jackson (escapes included). */
    private static String jsonObject(Map<String, String> map) {
        return JSON.writeValueAsString(new TreeMap<>(map));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
