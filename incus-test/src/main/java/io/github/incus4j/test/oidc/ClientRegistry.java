package io.github.incus4j.test.oidc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registered clients, and client authentication at the token and device authorization
 * endpoints (RFC 6749, section 2.3): HTTP Basic or {@code client_id}/{@code client_secret} form
 * fields for confidential clients; {@code client_id} alone, or with an empty
 * {@code client_secret} as the {@code incus} command line sends it, for public clients.
 */
final class ClientRegistry {

    private static final String BASIC = "basic ";

    private final Map<String, OidcClient> clients = new LinkedHashMap<>();

    ClientRegistry(List<OidcClient> clients) {
        for (OidcClient client : clients) {
            if (this.clients.put(client.id(), client) != null) {
                throw new IllegalArgumentException("The client id " + client.id() + " is registered twice");
            }
        }
    }

    List<OidcClient> clients() {
        return List.copyOf(clients.values());
    }

    /**
     * Finds and checks the calling client.
     *
     * @throws OAuthException {@code invalid_client} (401) for a missing, unknown or wrong
     *                        credential; {@code invalid_request} for two different client ids
     */
    OidcClient authenticate(HttpCall call) throws OAuthException {
        String formId = call.formValue("client_id");
        if (call.authorization() != null && call.authorization().regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            String[] basic = decodeBasic(call.authorization().substring(BASIC.length()).trim());
            if (formId != null && !formId.equals(basic[0])) {
                throw OAuthException.invalidRequest("client_id differs from the client in the Authorization header");
            }
            if (call.formValue("client_secret") != null && !call.formValue("client_secret").isEmpty()) {
                throw OAuthException.invalidRequest("use one client authentication method, not Basic and client_secret");
            }
            return check(basic[0], basic[1]);
        }
        if (formId == null || formId.isEmpty()) {
            throw OAuthException.invalidClient("no client authentication: send client_id (and client_secret), "
                    + "or HTTP Basic credentials");
        }
        return check(formId, call.formValue("client_secret"));
    }

    private OidcClient check(String id, String secret) throws OAuthException {
        OidcClient client = clients.get(id);
        if (client == null) {
            throw OAuthException.invalidClient("unknown client " + id);
        }
        boolean noSecret = secret == null || secret.isEmpty();
        if (client.isPublic()) {
            if (!noSecret) {
                throw OAuthException.invalidClient("client " + id + " is public and has no secret");
            }
            return client;
        }
        if (noSecret) {
            throw OAuthException.invalidClient("client " + id + " must authenticate with its secret");
        }
        boolean matches = MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                client.secret().getBytes(StandardCharsets.UTF_8));
        if (!matches) {
            throw OAuthException.invalidClient("wrong secret for client " + id);
        }
        return client;
    }

    /** {@code base64(urlencode(id) ":" urlencode(secret))}, as RFC 6749, section 2.3.1 says. */
    private static String[] decodeBasic(String encoded) throws OAuthException {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("the Basic credentials are not base64");
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            throw OAuthException.invalidClient("the Basic credentials have no ':'");
        }
        try {
            return new String[] {
                URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("the Basic credentials are not form-encoded");
        }
    }
}
