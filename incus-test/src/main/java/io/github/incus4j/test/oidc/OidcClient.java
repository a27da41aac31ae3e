package io.github.incus4j.test.oidc;

import java.util.Objects;

/**
 * An OAuth 2.0 client registered with an {@link OidcProvider}.
 *
 * <p>A <em>public</em> client has no secret: it may start the device authorization flow (as the
 * {@code incus} command line does, sending an empty {@code client_secret}) and refresh its tokens,
 * but not use the {@code client_credentials} grant. A <em>confidential</em> client authenticates
 * with its secret, by HTTP Basic ({@code client_secret_basic}) or in the form
 * ({@code client_secret_post}), and may use every grant; its {@code client_credentials} tokens have
 * the client id as subject.
 *
 * <p>{@link #toString()} never shows the secret.
 *
 * @param id     the client id, for example {@code incus} (the value of Incus's {@code oidc.client.id})
 * @param secret the client secret, or {@code null} for a public client
 */
public record OidcClient(String id, String secret) {

    /**
     * Checks the components.
     *
     * @param id     the client id, not blank
     * @param secret the secret, {@code null} for a public client, otherwise not empty
     * @throws IllegalArgumentException if the id is blank or the secret is empty
     */
    public OidcClient {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("A client id must not be blank");
        }
        if (secret != null && secret.isEmpty()) {
            throw new IllegalArgumentException("A confidential client's secret must not be empty; "
                    + "use OidcClient.publicClient(id) for a client without a secret");
        }
    }

    /**
     * A client without a secret, such as the {@code incus} command line.
     *
     * @param id the client id
     * @return the public client
     */
    public static OidcClient publicClient(String id) {
        return new OidcClient(id, null);
    }

    /**
     * A client with a secret, for the {@code client_credentials} grant (a CI job, a service).
     *
     * @param id     the client id
     * @param secret the client secret
     * @return the confidential client
     */
    public static OidcClient confidential(String id, String secret) {
        return new OidcClient(id, Objects.requireNonNull(secret, "secret"));
    }

    /**
     * Tells whether this client has no secret.
     *
     * @return {@code true} for a public client
     */
    public boolean isPublic() {
        return secret == null;
    }

    /**
     * Describes the client without its secret.
     *
     * @return for example {@code OidcClient[id=ci, confidential]}
     */
    @Override
    public String toString() {
        return "OidcClient[id=" + id + ", " + (isPublic() ? "public" : "confidential") + "]";
    }
}
