package io.daas.builder.api;

import io.daas.builder.errors.InvalidRequest;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads request bodies strictly: unknown fields, duplicate keys, trailing data and scalars of the
 * wrong type (a number where a string belongs) are errors naming the field, never guesses. Its
 * messages never echo the body, which may hold credentials.
 */
final class StrictJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .withCoercionConfig(
                    LogicalType.Textual,
                    c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(
                    LogicalType.Boolean,
                    c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .withCoercionConfig(
                    LogicalType.POJO,
                    c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(
                    LogicalType.Map,
                    c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .build();

    private StrictJson() {}

    /** The body as {@code type}, or null for an empty body or {@code null}. */
    static <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidRequest(
                    "Request body field '" + path(e.getPath()) + "' is not part of this endpoint; remove it");
        } catch (StreamReadException e) {
            throw new InvalidRequest("Request body is not valid JSON for this endpoint"
                    + (e.getLocation() == null
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr() + ")"));
        } catch (JacksonException e) {
            String path = path(e.getPath());
            throw new InvalidRequest(
                    path.isEmpty()
                            ? "Request body is not valid JSON for this endpoint: send a JSON object"
                            : "Request body field '" + path + "' has the wrong type (or is not valid JSON for"
                                    + " this endpoint): strings, maps of strings and booleans are expected as"
                                    + " documented");
        }
    }

    private static String path(List<JacksonException.Reference> path) {
        return path.stream()
                .map(r -> r.getPropertyName() != null ? printable(r.getPropertyName()) : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String printable(String s) {
        String p = s.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
        return p.length() > 64 ? p.substring(0, 64) + "..." : p;
    }
}
