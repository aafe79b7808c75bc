package io.daas.builder.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.engine.ImageBuildSpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class BuildQueryTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void buildArgsAndLabelsGoAsJsonObjectsWithSortedKeys() {
        Map<String, String> query = query(spec(Map.of("B", "2", "A", "1"), Map.of("z", "last", "a", "first")));

        assertThat(query.get("buildargs")).isEqualTo("{\"A\":\"1\",\"B\":\"2\"}");
        assertThat(query.get("labels")).isEqualTo("{\"a\":\"first\",\"z\":\"last\"}");
    }

    @Test
    void quotesBackslashesAndControlCharactersSurviveTheTripToTheEngine() {
        Map<String, String> args = Map.of("TRICKY", "say \"hi\"\\n\n\t\r\u0001 é ✓", "EMPTY", "");

        Map<String, String> query = query(spec(args, Map.of()));

        assertThat(JSON.readValue(query.get("buildargs"), new TypeReference<Map<String, String>>() {}))
                .isEqualTo(args);
        assertThat(query.get("buildargs")).doesNotContain("\n", "\t", "\r", "\u0001");
    }

    private static ImageBuildSpec spec(Map<String, String> buildArgs, Map<String, String> labels) {
        return new ImageBuildSpec(
                Path.of("ctx"),
                "Dockerfile",
                "daas-app:t",
                buildArgs,
                labels,
                null,
                null,
                null,
                null,
                null,
                0,
                false,
                null,
                null);
    }

    private static Map<String, String> query(ImageBuildSpec spec) {
        String q = BuildQuery.of(spec, null);
        return Arrays.stream(q.substring(q.indexOf('?') + 1).split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
}
