package io.daas.builder.detect.config;

import static io.daas.builder.detect.ProjectConfig.FILE;

import io.daas.builder.detect.InvalidProjectConfigException;
import io.daas.builder.detect.ProjectConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads a bundle's daas.json into a {@link ProjectConfig}, with errors that name the wrong field. */
public final class ProjectConfigReader {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ProjectConfigReader() {}

    /**
     * Reads a daas.json; "$schema" is allowed and ignored.
     *
     * @throws InvalidProjectConfigException saying which field is wrong and how
     */
    public static ProjectConfig parse(String text) {
        try {
            Map<String, Object> raw = JSON.readValue(text, LinkedHashMap.class);
            if (raw == null) {
                return ProjectConfig.none();
            }
            raw.remove("$schema");
            ProjectConfig config = JSON.convertValue(raw, ProjectConfig.class);
            List<String> problems = ProjectConfigRules.problems(config, FILE + " ");
            if (!problems.isEmpty()) {
                throw new InvalidProjectConfigException(String.join("; ", problems));
            }
            return config;
        } catch (JacksonException | IllegalArgumentException e) {
            String detail = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            String field = e instanceof JacksonException je ? field(je) : "";
            throw new InvalidProjectConfigException(FILE + " is not valid" + field + ": " + firstLine(detail)
                    + ". It must be a JSON object with the fields of GET /api/docker/schema/daas.json");
        }
    }

    /** " (field 'port')" for the field a parse error is about, or "". */
    private static String field(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : " (field '" + path + "')";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "it does not parse";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
