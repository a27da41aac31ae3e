package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A trust token: what a new client needs to add its own certificate to the trust store
 * ({@code incus config trust add NAME} makes one; {@code incus remote add --token} uses one).
 *
 * <p>The daemon keeps a token as a running operation of class {@code token}; cancelling that
 * operation revokes the token. {@link #fromOperation(Operation)} reads one from the operation and
 * {@link #encoded()} gives the string to hand to the client.
 *
 * @param clientName the name the client will have in the trust store
 * @param fingerprint the fingerprint of the server certificate, for the client to pin
 * @param addresses the addresses the server listens on
 * @param secret the one-time secret
 * @param expiresAt when the token expires, or {@code null} when it does not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CertificateAddToken(
        // Named explicitly: the encoded token is read with a plain mapper, not the client's.
        @JsonProperty("client_name") String clientName,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("addresses") List<String> addresses,
        @JsonProperty("secret") String secret,
        @JsonProperty("expires_at") @Nullable Instant expiresAt) {

    /**
     * Normalises missing fields.
     *
     * @param clientName the name the client will have in the trust store
     * @param fingerprint the fingerprint of the server certificate, for the client to pin
     * @param addresses the addresses the server listens on
     * @param secret the one-time secret
     * @param expiresAt when the token expires, or {@code null} when it does not
     */
    public CertificateAddToken {
        clientName = Wire.text(clientName);
        fingerprint = Wire.text(fingerprint);
        addresses = Wire.list(addresses);
        secret = Wire.text(secret);
    }

    /**
     * Reads the token from the operation that {@code POST /1.0/certificates} with
     * {@code token: true} started.
     *
     * @param operation the token operation
     * @return the token
     * @throws IllegalArgumentException if the operation carries no token
     */
    public static CertificateAddToken fromOperation(Operation operation) {
        Map<String, Object> metadata = operation.metadata();
        if (!(metadata.get("secret") instanceof String secret) || secret.isEmpty()) {
            throw new IllegalArgumentException("operation " + operation.id() + " is not a trust token operation "
                    + "(its metadata has no secret): pass the operation that certificates().createToken(...) started");
        }
        String name = "";
        if (metadata.get("request") instanceof Map<?, ?> request && request.get("name") instanceof String requested) {
            name = requested;
        }
        Object expiry = metadata.containsKey("expiresAt") ? metadata.get("expiresAt") : metadata.get("expires_at");
        return new CertificateAddToken(name, String.valueOf(metadata.getOrDefault("fingerprint", "")),
                EncodedTokens.addresses(metadata), secret, EncodedTokens.expiresAt(expiry));
    }

    /**
     * Encodes the token the way the {@code incus} command line prints it: base64 of its JSON.
     *
     * @return the token string
     */
    public String encoded() {
        return EncodedTokens.encode(this);
    }

    /**
     * Decodes a token string.
     *
     * @param token the base64 token
     * @return the token
     * @throws IllegalArgumentException if it is not a token (the message quotes no part of it: the
     *     JSON parser's own message may)
     */
    public static CertificateAddToken decode(String token) {
        return EncodedTokens.decode(token, CertificateAddToken.class, "an Incus trust token (base64 of JSON expected)");
    }

    @Override
    public String toString() {
        // The secret lets a client into the trust store: never in logs.
        return "CertificateAddToken[clientName=" + clientName + ", fingerprint=" + fingerprint + ", addresses="
                + addresses + ", expiresAt=" + expiresAt + "]";
    }
}
