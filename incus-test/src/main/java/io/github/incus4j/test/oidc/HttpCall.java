package io.github.incus4j.test.oidc;

import java.util.Map;

/**
 * One HTTP request as the endpoints see it: already parsed, independent of the HTTP server.
 *
 * @param method        the request method, upper case
 * @param path          the request path, without the query
 * @param query         the query parameters (each at most once)
 * @param form          the {@code application/x-www-form-urlencoded} body's parameters, empty for
 *                      other bodies (each at most once)
 * @param authorization the {@code Authorization} header, or {@code null}
 */
record HttpCall(String method, String path, Map<String, String> query, Map<String, String> form,
                String authorization) {

    HttpCall {
        query = Map.copyOf(query);
        form = Map.copyOf(form);
    }

    /** A form parameter, or {@code null} when absent. */
    String formValue(String name) {
        return form.get(name);
    }

    /** A form parameter that must be present and not empty. */
    String requiredFormValue(String name) throws OAuthException {
        String value = form.get(name);
        if (value == null || value.isEmpty()) {
            throw OAuthException.invalidRequest("the parameter " + name + " is missing");
        }
        return value;
    }
}
