package io.github.incus4j.test.oidc;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Reads and verifies JWTs in tests, independently of the provider's own signing code. */
final class Jwts {

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private Jwts() {
    }

    static Map<String, Object> header(String token) {
        return Json.readObject(part(token, 0));
    }

    static Map<String, Object> claims(String token) {
        return Json.readObject(part(token, 1));
    }

    /** Whether the RS256 signature verifies with the JWKS entry whose kid the header names. */
    @SuppressWarnings("unchecked")
    static boolean verifies(String token, Map<String, Object> jwks) throws GeneralSecurityException {
        String kid = (String) header(token).get("kid");
        List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.get("keys");
        Map<String, Object> jwk = keys.stream().filter(key -> kid.equals(key.get("kid"))).findFirst().orElse(null);
        if (jwk == null) {
            return false;
        }
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, BASE64URL.decode((String) jwk.get("n"))),
                new BigInteger(1, BASE64URL.decode((String) jwk.get("e")))));
        int lastDot = token.lastIndexOf('.');
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(BASE64URL.decode(token.substring(lastDot + 1)));
    }

    private static String part(String token, int index) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a compact JWS: " + parts.length + " parts");
        }
        return new String(BASE64URL.decode(parts[index]), StandardCharsets.UTF_8);
    }
}
