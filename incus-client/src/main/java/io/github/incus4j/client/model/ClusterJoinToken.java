package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A token that lets one new server join the cluster ({@code incus cluster add NAME} prints one).
 *
 * <p>The cluster keeps a token as a running operation of class {@code token} until it is used or
 * expires ({@code cluster.join_token_expiry}, 3 hours by default); cancelling that operation
 * revokes it. {@link #encoded()} gives the string the {@code incus} command line prints and
 * {@code incus admin init} takes: base64 of this record's JSON.
 *
 * @param serverName the name the new member will have
 * @param fingerprint the SHA-256 fingerprint of the cluster's certificate, for the new member to check
 * @param addresses the addresses of the cluster's members
 * @param secret the one-time secret
 * @param expiresAt when the token expires, or {@code null} when it does not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterJoinToken(
        // Named explicitly: the encoded token is read with a plain mapper, not the client's.
        @JsonProperty("server_name") String serverName,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("addresses") List<String> addresses,
        @JsonProperty("secret") String secret,
        @JsonProperty("expires_at") @Nullable Instant expiresAt) {

    /**
     * Normalises missing fields.
     *
     * @param serverName the name the new member will have
     * @param fingerprint the SHA-256 fingerprint of the cluster's certificate, for the new member to
     *     check
     * @param addresses the addresses of the cluster's members
     * @param secret the one-time secret
     * @param expiresAt when the token expires, or {@code null} when it does not
     */
    public ClusterJoinToken {
        serverName = Wire.text(serverName);
        fingerprint = Wire.text(fingerprint);
        addresses = Wire.list(addresses);
        secret = Wire.text(secret);
    }

    /**
     * Tells whether an operation is a cluster join token.
     *
     * @param operation any operation
     * @return {@code true} for a join token's operation
     */
    public static boolean isJoinToken(Operation operation) {
        return operation.operationClass().equals("token") && operation.metadata().get("serverName") instanceof String
                && operation.metadata().get("secret") instanceof String;
    }

    /**
     * Reads the token from its operation.
     *
     * @param operation the token operation that {@code POST /1.0/cluster/members} started
     * @return the token
     * @throws IllegalArgumentException if the operation is not a join token
     */
    public static ClusterJoinToken fromOperation(Operation operation) {
        if (!isJoinToken(operation)) {
            throw new IllegalArgumentException("operation " + operation.id() + " is not a cluster join token "
                    + "(class token with serverName and secret in its metadata)");
        }
        Map<String, Object> metadata = operation.metadata();
        return new ClusterJoinToken((String) metadata.get("serverName"),
                String.valueOf(metadata.getOrDefault("fingerprint", "")), EncodedTokens.addresses(metadata),
                (String) metadata.get("secret"), EncodedTokens.expiresAt(metadata.get("expiresAt")));
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
     * @throws IllegalArgumentException if it is not a join token (the message quotes no part of it)
     */
    public static ClusterJoinToken decode(String token) {
        ClusterJoinToken decoded = EncodedTokens.decode(token, ClusterJoinToken.class,
                "a cluster join token (base64 of JSON with server_name, fingerprint, addresses, secret expected)");
        if (decoded.serverName().isEmpty() || decoded.secret().isEmpty() || decoded.addresses().isEmpty()) {
            throw new IllegalArgumentException("not a cluster join token: it lacks server_name, secret or addresses");
        }
        return decoded;
    }

    @Override
    public String toString() {
        // The secret lets a server into the cluster: never in logs.
        return "ClusterJoinToken[serverName=" + serverName + ", fingerprint=" + fingerprint + ", addresses="
                + addresses + ", expiresAt=" + expiresAt + "]";
    }
}
