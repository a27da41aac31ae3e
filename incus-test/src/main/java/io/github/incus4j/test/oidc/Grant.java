package io.github.incus4j.test.oidc;

import java.util.Arrays;
import java.util.List;

/**
 * What a client was granted: for whom, with which scopes, for which audience. Tokens are issued
 * from it; a refresh token carries it forward.
 *
 * @param client   the client the tokens are issued to
 * @param user     the user who approved a device code, or {@code null} for a
 *                 {@code client_credentials} grant, whose subject is the client
 * @param scope    the granted scopes, space-separated, or {@code null} for none
 * @param audience the audience the client asked for, or {@code null} for the client id
 */
record Grant(OidcClient client, OidcUser user, String scope, String audience) {

    static final String OPENID = "openid";
    static final String EMAIL = "email";
    static final String OFFLINE_ACCESS = "offline_access";

    String subject() {
        return user != null ? user.subject() : client.id();
    }

    String accessTokenAudience() {
        return audience != null ? audience : client.id();
    }

    boolean hasScope(String name) {
        return scopes().contains(name);
    }

    List<String> scopes() {
        return scope == null || scope.isBlank() ? List.of() : Arrays.asList(scope.trim().split("\\s+"));
    }
}
