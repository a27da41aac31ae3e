package io.github.incus4j.test.oidc;

import io.github.incus4j.test.IncusDaemon;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code oidc.*} server settings that make an Incus daemon accept an identity provider's
 * tokens, and a way to remove them again.
 *
 * <pre>{@code
 * try (IncusOidcConfig.Applied oidc = IncusOidcConfig.forProvider(provider).withAudience("incus").applyTo(daemon)) {
 *     // HTTPS requests with "Authorization: Bearer <token>" are now authenticated by the provider
 * }   // oidc.* unset again
 * }</pre>
 *
 * <p>While OIDC is on, the daemon lists {@code oidc} in {@code auth_methods} and adds
 * {@code X-Incus-OIDC-issuer}, {@code -clientid} and {@code -audience} headers to its 401 and 403
 * answers, which other tests sharing the daemon may not expect: always reset, in a {@code finally}
 * block or an {@code @AfterAll} method.
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return changed copies.
 */
public final class IncusOidcConfig {

    /** The server settings this class sets and resets. */
    public static final List<String> KEYS = List.of("oidc.issuer", "oidc.client.id", "oidc.audience", "oidc.claim");

    private final String issuer;
    private final String clientId;
    private final String audience;
    private final String claim;

    private IncusOidcConfig(String issuer, String clientId, String audience, String claim) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.audience = audience;
        this.claim = claim;
    }

    /**
     * Settings for a provider: its issuer, and its first client's id as {@code oidc.client.id}
     * (the client the {@code incus} command line signs in as); no audience check, no custom claim.
     *
     * @param provider the running provider
     * @return the settings
     */
    public static IncusOidcConfig forProvider(OidcProvider provider) {
        return new IncusOidcConfig(provider.issuer(), provider.clients().get(0).id(), null, null);
    }

    /**
     * Settings for any issuer.
     *
     * @param issuer   the issuer URL, exactly as the provider's discovery document writes it
     * @param clientId the client id the command line uses for the device flow
     * @return the settings
     */
    public static IncusOidcConfig of(String issuer, String clientId) {
        return new IncusOidcConfig(issuer, clientId, null, null);
    }

    /**
     * Sets another {@code oidc.client.id}.
     *
     * @param clientId the client id
     * @return a copy with this client id
     */
    public IncusOidcConfig withClientId(String clientId) {
        return new IncusOidcConfig(issuer, clientId, audience, claim);
    }

    /**
     * Sets {@code oidc.audience}: tokens must then list this audience in {@code aud}, else 401
     * {@code Provided OIDC token doesn't allow the configured audience}. The command line sends it
     * as {@code audience} when it starts the device flow.
     *
     * @param audience the audience, or {@code null} for no check
     * @return a copy with this audience
     */
    public IncusOidcConfig withAudience(String audience) {
        return new IncusOidcConfig(issuer, clientId, audience, claim);
    }

    /**
     * Sets {@code oidc.claim}: the claim that names the caller instead of {@code email}/{@code sub}.
     * A token without it is treated as untrusted, not rejected.
     *
     * @param claim the claim name, or {@code null} for the default
     * @return a copy with this claim
     */
    public IncusOidcConfig withClaim(String claim) {
        return new IncusOidcConfig(issuer, clientId, audience, claim);
    }

    /**
     * The issuer to set.
     *
     * @return the {@code oidc.issuer} value
     */
    public String issuer() {
        return issuer;
    }

    /**
     * The client id to set.
     *
     * @return the {@code oidc.client.id} value
     */
    public String clientId() {
        return clientId;
    }

    /**
     * The audience to set.
     *
     * @return the {@code oidc.audience} value, or {@code null}
     */
    public String audience() {
        return audience;
    }

    /**
     * The claim to set.
     *
     * @return the {@code oidc.claim} value, or {@code null}
     */
    public String claim() {
        return claim;
    }

    /**
     * Sets these values on the daemon in one {@code incus config set}, after unsetting all four
     * keys, so a value left from an earlier configuration cannot linger.
     *
     * @param daemon the daemon
     * @return a handle whose {@link Applied#close()} unsets the keys again
     * @throws io.github.incus4j.test.IncusDaemonException if the daemon refuses a value
     */
    public Applied applyTo(IncusDaemon daemon) {
        reset(daemon);
        List<String> arguments = new ArrayList<>(List.of("config", "set", "oidc.issuer=" + issuer, "oidc.client.id=" + clientId));
        if (audience != null) {
            arguments.add("oidc.audience=" + audience);
        }
        if (claim != null) {
            arguments.add("oidc.claim=" + claim);
        }
        daemon.incusOrFail(arguments.toArray(String[]::new));
        return new Applied(this, daemon);
    }

    /**
     * Unsets {@code oidc.issuer}, {@code oidc.client.id}, {@code oidc.audience} and
     * {@code oidc.claim} on a daemon, whatever set them. Unsetting a key that is not set is fine.
     *
     * @param daemon the daemon
     * @throws io.github.incus4j.test.IncusDaemonException if the daemon refuses
     */
    public static void reset(IncusDaemon daemon) {
        for (String key : KEYS) {
            daemon.incusOrFail("config", "unset", key);
        }
    }

    @Override
    public String toString() {
        return "IncusOidcConfig[issuer=" + issuer + ", clientId=" + clientId
                + (audience == null ? "" : ", audience=" + audience) + (claim == null ? "" : ", claim=" + claim) + "]";
    }

    /** OIDC settings in force on a daemon; closing the handle resets them. */
    public static final class Applied implements AutoCloseable {

        private final IncusOidcConfig config;
        private final IncusDaemon daemon;

        private Applied(IncusOidcConfig config, IncusDaemon daemon) {
            this.config = config;
            this.daemon = daemon;
        }

        /**
         * The settings in force.
         *
         * @return the configuration that was applied
         */
        public IncusOidcConfig config() {
            return config;
        }

        /**
         * Unsets and sets the settings again, which makes Incus drop its cached discovery document
         * and keys and fetch them anew on the next request: needed when a provider was restarted
         * under the same issuer with a new key but the same key id.
         *
         * @throws io.github.incus4j.test.IncusDaemonException if the daemon refuses
         */
        public void reload() {
            config.applyTo(daemon);
        }

        /**
         * Unsets the {@code oidc.*} keys ({@link IncusOidcConfig#reset(IncusDaemon)}).
         *
         * @throws io.github.incus4j.test.IncusDaemonException if the daemon refuses
         */
        @Override
        public void close() {
            reset(daemon);
        }
    }
}
