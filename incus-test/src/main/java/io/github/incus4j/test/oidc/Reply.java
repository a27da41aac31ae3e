package io.github.incus4j.test.oidc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response from an endpoint.
 *
 * @param status      the status code
 * @param contentType the {@code Content-Type} header
 * @param body        the body, UTF-8
 * @param headers     further headers
 */
record Reply(int status, String contentType, String body, Map<String, String> headers) {

    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain; charset=utf-8";

    Reply {
        headers = Map.copyOf(headers);
    }

    /** A JSON document that may be cached (discovery, keys). */
    static Reply json(int status, Map<String, Object> document) {
        return new Reply(status, JSON, Json.write(document), Map.of());
    }

    /** A JSON document with tokens or codes in it: never to be cached (RFC 6749, section 5.1). */
    static Reply sensitiveJson(int status, Map<String, Object> document) {
        return new Reply(status, JSON, Json.write(document), Map.of("Cache-Control", "no-store", "Pragma", "no-cache"));
    }

    static Reply text(int status, String text) {
        return new Reply(status, TEXT, text, Map.of("Cache-Control", "no-store"));
    }

    Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, body, more);
    }
}
