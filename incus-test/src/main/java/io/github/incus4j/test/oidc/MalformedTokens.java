package io.github.incus4j.test.oidc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Bearer tokens that are not valid JSON Web Tokens at all, for the "garbage in" cases. For tokens
 * that are well-formed but wrong (expired, wrong audience, bad signature), use
 * {@link OidcProvider#token()}.
 */
public final class MalformedTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private MalformedTokens() {
    }

    /**
     * A string without the three dot-separated parts of a JWT. Incus 6.0 answers 401
     * {@code Failed to authenticate: parsing of request failed: token contains an invalid number of
     * segments}.
     *
     * @return {@code "not-a-jwt"}
     */
    public static String notAJwt() {
        return "not-a-jwt";
    }

    /**
     * Three parts: a valid RS256 header, a payload that is not base64url, and a fake signature.
     * Incus 6.0 answers 401 {@code Failed to authenticate: parsing of request failed: malformed jwt
     * payload: illegal base64 data at input byte 3}.
     *
     * @return a token-shaped string
     */
    public static String undecodablePayload() {
        return encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + ".not*base64." + encode("no signature");
    }

    /**
     * Three parts: a valid RS256 header, a base64url payload that is not JSON, and a fake
     * signature. Incus 6.0 answers 401 {@code Failed to authenticate: invalid character 'h' in
     * literal true (expecting 'r')}: the JSON parser's complaint about the text {@code "this is not
     * JSON"}.
     *
     * @return a token-shaped string
     */
    public static String nonJsonPayload() {
        return encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode("this is not JSON") + "."
                + encode("no signature");
    }

    private static String encode(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
