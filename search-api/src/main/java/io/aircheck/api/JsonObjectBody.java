package io.aircheck.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;

/**
 * A request body that must be one JSON object with known fields only: anything else is a 400 that
 * shows what a good body looks like, or names the unknown field and the ones there are.
 */
public final class JsonObjectBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonObjectBody() {}

    /**
     * @param fields the fields the body may have
     * @param what what the body asks for, for the message: "an export", "a hold", "a token"
     * @param example a good body, for the message
     */
    public static JsonNode parse(String body, Set<String> fields, String what, String example) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("the body must be JSON like " + example);
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object like " + example);
        }
        node.fieldNames()
                .forEachRemaining(
                        f -> {
                            if (!fields.contains(f)) {
                                throw ApiException.badRequest(
                                        "unknown field '"
                                                + f
                                                + "'; "
                                                + what
                                                + " takes "
                                                + String.join(
                                                        ", ", fields.stream().sorted().toList()));
                            }
                        });
        return node;
    }
}
