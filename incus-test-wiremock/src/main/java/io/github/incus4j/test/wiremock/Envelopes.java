package io.github.incus4j.test.wiremock;

import java.util.List;

/**
 * The JSON Incus answers with: the sync, async and error envelopes around metadata, as
 * {@code lxc/incus}'s {@code api.Response} writes them.
 */
final class Envelopes {

    private Envelopes() {
    }

    static String sync(String metadata) {
        return "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\",\"error_code\":0,"
                + "\"error\":\"\",\"metadata\":" + metadata + "}";
    }

    static String async(String operationId, String operation) {
        return "{\"type\":\"async\",\"status\":\"Operation created\",\"status_code\":100,\"operation\":"
                + quote("/1.0/operations/" + operationId) + ",\"error_code\":0,\"error\":\"\",\"metadata\":"
                + operation + "}";
    }

    static String error(int code, String message) {
        return "{\"type\":\"error\",\"status\":\"\",\"status_code\":0,\"operation\":\"\",\"error_code\":" + code
                + ",\"error\":" + quote(message) + ",\"metadata\":null}";
    }

    static String stringArray(List<String> values) {
        StringBuilder json = new StringBuilder("[");
        for (String value : values) {
            json.append(json.length() > 1 ? "," : "").append(quote(value));
        }
        return json.append(']').toString();
    }

    /** A JSON string literal. */
    static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
