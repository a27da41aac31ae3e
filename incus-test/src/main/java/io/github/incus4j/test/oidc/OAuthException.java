package io.github.incus4j.test.oidc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OAuth 2.0 error answer (RFC 6749, section 5.2; RFC 8628, section 3.5): the {@code error} code,
 * a description for people and the HTTP status. Descriptions never contain secrets or tokens.
 */
final class OAuthException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    OAuthException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    static OAuthException invalidClient(String description) {
        return new OAuthException(401, "invalid_client", description);
    }

    static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description);
    }

    String error() {
        return error;
    }

    int status() {
        return status;
    }

    Reply toReply() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", getMessage());
        Reply reply = Reply.sensitiveJson(status, body);
        // RFC 6749, section 5.2: a 401 for client authentication names the scheme to use.
        return status == 401 ? reply.withHeader("WWW-Authenticate", "Basic realm=\"oidc\"") : reply;
    }
}
