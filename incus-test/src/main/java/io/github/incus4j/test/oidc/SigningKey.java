package io.github.incus4j.test.oidc;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RSA key pair with its key id, signing JSON Web Tokens with RS256 and describing its public
 * half as a JSON Web Key.
 */
final class SigningKey {

    static final String ALGORITHM = "RS256";
    private static final int KEY_SIZE = 2048;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String keyId;
    private final KeyPair keyPair;

    private SigningKey(String keyId, KeyPair keyPair) {
        this.keyId = keyId;
        this.keyPair = keyPair;
    }

    /** Generates a fresh 2048-bit RSA key pair (tens of milliseconds). */
    static SigningKey generate(String keyId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            return new SigningKey(keyId, generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot generate RSA keys: " + e.getMessage(), e);
        }
    }

    String keyId() {
        return keyId;
    }

    RSAPublicKey publicKey() {
        return (RSAPublicKey) keyPair.getPublic();
    }

    /**
     * Makes a compact JWS: {@code base64url(header).base64url(claims).base64url(signature)}.
     *
     * @param header the JOSE header; {@code alg} is expected to be {@code RS256}
     * @param claims the payload
     */
    String sign(Map<String, Object> header, Map<String, Object> claims) {
        String signingInput = encode(Json.write(header)) + "." + encode(Json.write(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keyPair.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token with RS256: " + e.getMessage(), e);
        }
    }

    /** The public key as a JSON Web Key (RFC 7517), for the JWKS document. */
    Map<String, Object> publicJwk() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", keyId);
        jwk.put("use", "sig");
        jwk.put("alg", ALGORITHM);
        jwk.put("n", unsigned(publicKey().getModulus()));
        jwk.put("e", unsigned(publicKey().getPublicExponent()));
        return jwk;
    }

    /** Base64url of the big-endian magnitude, without the sign byte {@link BigInteger} may add. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return BASE64URL.encodeToString(bytes);
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId + "]";
    }
}
