package io.daas.builder.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.toml.TomlMapper;

/** Parses JSON and TOML manifests leniently: a file that does not parse reads as missing. */
public final class Manifests {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    private static final TomlMapper TOML = TomlMapper.builder().build();

    private Manifests() {}

    public static JsonNode json(Optional<String> text) {
        try {
            return text.isPresent() ? orMissing(JSON.readTree(text.get())) : MissingNode.getInstance();
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }

    public static JsonNode toml(Optional<String> text) {
        try {
            return text.isPresent() ? orMissing(TOML.readTree(text.get())) : MissingNode.getInstance();
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }

    /** A string value at the path, or null. */
    public static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            current = current.path(name);
        }
        return current.isString() ? current.stringValue() : null;
    }

    /** The string items of an array node (empty for anything else). */
    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode item : array.values()) {
                if (item.isString()) {
                    out.add(item.stringValue());
                }
            }
        }
        return out;
    }

    private static JsonNode orMissing(JsonNode node) {
        return node == null ? MissingNode.getInstance() : node;
    }
}
