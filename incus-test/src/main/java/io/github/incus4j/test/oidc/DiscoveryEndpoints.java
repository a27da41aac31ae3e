package io.github.incus4j.test.oidc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents a relying party reads first: OpenID Connect Discovery's
 * {@code /.well-known/openid-configuration} and the JSON Web Key Set with the current public key.
 */
final class DiscoveryEndpoints {

    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    static final String JWKS_PATH = "/jwks";
    static final String TOKEN_PATH = "/token";
    static final String DEVICE_AUTHORIZATION_PATH = "/device_authorization";
    static final String VERIFICATION_PATH = "/device";

    private final String issuer;
    private final KeyRing keys;

    DiscoveryEndpoints(String issuer, KeyRing keys) {
        this.issuer = issuer;
        this.keys = keys;
    }

    Reply configuration(HttpCall call) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("token_endpoint", issuer + TOKEN_PATH);
        document.put("device_authorization_endpoint", issuer + DEVICE_AUTHORIZATION_PATH);
        document.put("jwks_uri", issuer + JWKS_PATH);
        document.put("grant_types_supported",
                List.of("client_credentials", "refresh_token", TokenEndpoint.DEVICE_CODE_GRANT));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        document.put("scopes_supported", List.of(Grant.OPENID, Grant.EMAIL, Grant.OFFLINE_ACCESS));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of(SigningKey.ALGORITHM));
        document.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "jti", "email", "scope", "client_id"));
        return Reply.json(200, document);
    }

    Reply jwks(HttpCall call) {
        return Reply.json(200, Map.of("keys", List.of(keys.current().publicJwk())));
    }
}
