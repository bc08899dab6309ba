package io.aircheck.api.testing.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** WebDriver BiDi's serialized script values as plain Java values. */
final class BidiValues {
    private BidiValues() {}

    static Object toJava(JsonNode remote) {
        String type = remote.path("type").asText();
        JsonNode value = remote.path("value");
        return switch (type) {
            case "undefined", "null" -> null;
            case "string" -> value.asText();
            case "boolean" -> value.asBoolean();
            case "number" -> number(value);
            case "bigint" -> new java.math.BigInteger(value.asText());
            case "array", "set" -> list(value);
            case "object", "map" -> map(value);
            default -> type; // nodes, windows, functions...: their kind
        };
    }

    private static Object number(JsonNode value) {
        if (value.isTextual()) {
            return switch (value.asText()) {
                case "NaN" -> Double.NaN;
                case "-0" -> -0.0;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                default -> Double.NEGATIVE_INFINITY;
            };
        }
        return value.isIntegralNumber() ? (Object) value.asLong() : (Object) value.asDouble();
    }

    private static List<Object> list(JsonNode values) {
        List<Object> list = new ArrayList<>();
        values.forEach(v -> list.add(toJava(v)));
        return list;
    }

    private static Map<String, Object> map(JsonNode entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonNode entry : entries) {
            JsonNode key = entry.get(0);
            map.put(
                    key.isTextual() ? key.asText() : String.valueOf(toJava(key)),
                    toJava(entry.get(1)));
        }
        return map;
    }
}
