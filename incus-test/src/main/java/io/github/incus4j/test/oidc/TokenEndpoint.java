package io.github.incus4j.test.oidc;

/**
 * The token endpoint (RFC 6749, section 3.2): the {@code client_credentials},
 * {@code refresh_token} and device code ({@code urn:ietf:params:oauth:grant-type:device_code},
 * RFC 8628) grants.
 */
final class TokenEndpoint {

    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final ClientRegistry clients;
    private final DeviceAuthorizations devices;
    private final RefreshTokenStore refreshTokens;
    private final TokenIssuer issuer;

    TokenEndpoint(ClientRegistry clients, DeviceAuthorizations devices, RefreshTokenStore refreshTokens,
                  TokenIssuer issuer) {
        this.clients = clients;
        this.devices = devices;
        this.refreshTokens = refreshTokens;
        this.issuer = issuer;
    }

    Reply handle(HttpCall call) throws OAuthException {
        String grantType = call.requiredFormValue("grant_type");
        OidcClient client = clients.authenticate(call);
        Grant grant = switch (grantType) {
            case "client_credentials" -> clientCredentials(call, client);
            case "refresh_token" -> refresh(call, client);
            case DEVICE_CODE_GRANT -> devices.redeem(call.requiredFormValue("device_code"), client);
            default -> throw new OAuthException(400, "unsupported_grant_type",
                    "grant_type " + grantType + " is not supported; use client_credentials, refresh_token or "
                            + DEVICE_CODE_GRANT);
        };
        return issuer.issue(grant);
    }

    private static Grant clientCredentials(HttpCall call, OidcClient client) throws OAuthException {
        if (client.isPublic()) {
            throw new OAuthException(400, "unauthorized_client",
                    "client " + client.id() + " is public; client_credentials needs a confidential client");
        }
        return new Grant(client, null, blankToNull(call.formValue("scope")), blankToNull(call.formValue("audience")));
    }

    /** A refresh may narrow the scopes, never widen them (RFC 6749, section 6). */
    private Grant refresh(HttpCall call, OidcClient client) throws OAuthException {
        Grant original = refreshTokens.redeem(call.requiredFormValue("refresh_token"), client);
        String requested = blankToNull(call.formValue("scope"));
        if (requested == null) {
            return original;
        }
        Grant narrowed = new Grant(original.client(), original.user(), requested, original.audience());
        if (!original.scopes().containsAll(narrowed.scopes())) {
            throw new OAuthException(400, "invalid_scope", "a refresh cannot add scopes to the original grant");
        }
        return narrowed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
