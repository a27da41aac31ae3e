package io.github.incus4j.test.wiremock;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Checks JSON given by a test when it is given, so a typo fails there and not as a puzzling client error. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static String check(String json, String what) {
        if (json == null) {
            throw new IllegalArgumentException(what + " must be JSON, got null");
        }
        try {
            MAPPER.readTree(json);
            return json;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage() + " in: " + json, e);
        }
    }
}
