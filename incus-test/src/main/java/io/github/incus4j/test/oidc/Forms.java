package io.github.incus4j.test.oidc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code application/x-www-form-urlencoded} text: request bodies and query strings. */
final class Forms {

    private Forms() {
    }

    /**
     * Parses {@code a=1&b=2}; a name without {@code =} has the empty value.
     *
     * @throws OAuthException {@code invalid_request} if a parameter appears twice (RFC 6749,
     *                        section 3.2) or the encoding is broken
     */
    static Map<String, String> parse(String encoded) throws OAuthException {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (parameters.put(name, value) != null) {
                throw OAuthException.invalidRequest("the parameter " + name + " appears more than once");
            }
        }
        return parameters;
    }

    private static String decode(String text) throws OAuthException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("the form encoding is broken");
        }
    }
}
