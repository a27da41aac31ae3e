package io.github.incus4j.test.oidc;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small OpenID Connect identity provider for tests, running in this JVM on {@code 127.0.0.1}.
 * Incus (with {@code oidc.issuer} pointing at it) accepts its tokens, and the {@code incus} command
 * line can sign in through it without a person.
 *
 * <p>It serves, under the issuer {@code http://127.0.0.1:<port>} (no trailing slash; Incus compares
 * issuers byte for byte):
 * <ul>
 *   <li>{@code /.well-known/openid-configuration}: the discovery document;</li>
 *   <li>{@code /jwks}: the current RSA public key (RS256), under a key id that changes with
 *       {@link #rotateSigningKey()};</li>
 *   <li>{@code /token}: the {@code client_credentials} grant (confidential clients; the token's
 *       subject is the client id), the {@code refresh_token} grant (refresh tokens are single use)
 *       and the device code grant; clients authenticate by HTTP Basic or form fields, public clients
 *       with their id alone or an empty {@code client_secret};</li>
 *   <li>{@code /device_authorization}: starts the device authorization grant (RFC 8628) the
 *       {@code incus} command line uses, answering with an {@code interval};</li>
 *   <li>{@code /device}: the verification URL. Fetching it with {@code ?user_code=...} approves the
 *       code for the first user ({@code &user=<subject>} picks another, {@code &deny=true} denies),
 *       so a {@code BROWSER} script such as {@link BrowserScript} signs the command line in.</li>
 * </ul>
 *
 * <p>Access tokens are JWTs with {@code iss}, {@code sub}, {@code aud} (the {@code audience} the
 * client asked for, else the client id), {@code exp}, {@code iat}, {@code jti}, {@code client_id},
 * {@code scope} as a space-separated string (Incus rejects arrays) and, with the {@code email}
 * scope, the user's {@code email}. A device code grant with {@code openid} also gets an ID token
 * (valid for five minutes unless {@link Builder#idTokenLifetime(Duration)} says otherwise), and
 * with {@code offline_access} a refresh token. {@link #token()} mints tokens directly, good or
 * broken on purpose.
 *
 * <pre>{@code
 * try (OidcProvider provider = OidcProvider.builder()
 *         .client(OidcClient.publicClient("incus"))
 *         .client(OidcClient.confidential("ci", "s3cret"))
 *         .user(OidcUser.of("alice", "alice@example.com"))
 *         .start()) {
 *     String token = provider.token().mint();   // alice, audience "incus"
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the listener and its threads. Nothing is logged: neither
 * tokens nor client secrets.
 *
 * @see IncusOidcConfig
 */
public final class OidcProvider implements AutoCloseable {

    /** The client registered when the builder is given none: public, id {@code incus}. */
    public static final OidcClient DEFAULT_CLIENT = OidcClient.publicClient("incus");
    /** The user registered when the builder is given none. */
    public static final OidcUser DEFAULT_USER = OidcUser.of("incus-test-user", "incus-test-user@example.com");

    private final String issuer;
    private final KeyRing keys;
    private final List<OidcClient> clients;
    private final List<OidcUser> users;
    private final Duration accessTokenLifetime;
    private final OidcHttpServer server;

    private OidcProvider(Builder builder) {
        this.clients = builder.clients.isEmpty() ? List.of(DEFAULT_CLIENT) : List.copyOf(builder.clients);
        this.users = builder.users.isEmpty() ? List.of(DEFAULT_USER) : List.copyOf(builder.users);
        this.accessTokenLifetime = builder.accessTokenLifetime;
        ClientRegistry registry = new ClientRegistry(clients);
        this.keys = new KeyRing(RandomStrings.shortHex());
        Clock clock = Clock.systemUTC();
        DeviceAuthorizations devices = new DeviceAuthorizations(builder.deviceCodeLifetime, clock);
        RefreshTokenStore refreshTokens = new RefreshTokenStore(builder.refreshTokenLifetime, clock);
        this.server = OidcHttpServer.bind(builder.port);
        this.issuer = server.baseUrl();
        DiscoveryEndpoints discovery = new DiscoveryEndpoints(issuer, keys);
        TokenIssuer tokenIssuer = new TokenIssuer(() -> new TokenBuilder(keys, issuer, accessTokenLifetime),
                accessTokenLifetime, builder.idTokenLifetime, refreshTokens);
        TokenEndpoint token = new TokenEndpoint(registry, devices, refreshTokens, tokenIssuer);
        DeviceEndpoints device = new DeviceEndpoints(registry, devices, users, verificationUri().toString(),
                builder.pollInterval);
        server.serve(Map.of(
                DiscoveryEndpoints.DISCOVERY_PATH, new OidcHttpServer.Route("GET", discovery::configuration),
                DiscoveryEndpoints.JWKS_PATH, new OidcHttpServer.Route("GET", discovery::jwks),
                DiscoveryEndpoints.TOKEN_PATH, new OidcHttpServer.Route("POST", token::handle),
                DiscoveryEndpoints.DEVICE_AUTHORIZATION_PATH, new OidcHttpServer.Route("POST", device::authorize),
                DiscoveryEndpoints.VERIFICATION_PATH, new OidcHttpServer.Route("GET", device::verify)));
    }

    /**
     * Starts a provider with the defaults: a free port, the public client {@code incus}
     * ({@link #DEFAULT_CLIENT}), the user {@link #DEFAULT_USER}, access tokens valid for five
     * minutes.
     *
     * @return the running provider; close it when done
     * @throws java.io.UncheckedIOException if no port can be bound
     */
    public static OidcProvider start() {
        return builder().start();
    }

    /**
     * Starts describing a provider.
     *
     * @return a builder with the defaults of {@link #start()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The issuer: the value for Incus's {@code oidc.issuer} and of every token's {@code iss}.
     *
     * @return {@code http://127.0.0.1:<port>}, without a trailing slash
     */
    public String issuer() {
        return issuer;
    }

    /**
     * The port the provider listens on.
     *
     * @return the TCP port on {@code 127.0.0.1}
     */
    public int port() {
        return server.port();
    }

    /**
     * The discovery document's address.
     *
     * @return {@code <issuer>/.well-known/openid-configuration}
     */
    public URI discoveryUri() {
        return URI.create(issuer + DiscoveryEndpoints.DISCOVERY_PATH);
    }

    /**
     * The JSON Web Key Set's address.
     *
     * @return {@code <issuer>/jwks}
     */
    public URI jwksUri() {
        return URI.create(issuer + DiscoveryEndpoints.JWKS_PATH);
    }

    /**
     * The token endpoint's address.
     *
     * @return {@code <issuer>/token}
     */
    public URI tokenEndpoint() {
        return URI.create(issuer + DiscoveryEndpoints.TOKEN_PATH);
    }

    /**
     * The device authorization endpoint's address.
     *
     * @return {@code <issuer>/device_authorization}
     */
    public URI deviceAuthorizationEndpoint() {
        return URI.create(issuer + DiscoveryEndpoints.DEVICE_AUTHORIZATION_PATH);
    }

    /**
     * The verification URL, without a user code. Fetching it with {@code ?user_code=XXXX-XXXX}
     * approves that code.
     *
     * @return {@code <issuer>/device}
     */
    public URI verificationUri() {
        return URI.create(issuer + DiscoveryEndpoints.VERIFICATION_PATH);
    }

    /**
     * The registered clients, in the order given; the first is the default audience of
     * {@link #token()} and the client id {@link IncusOidcConfig#forProvider(OidcProvider)} sets.
     *
     * @return the clients, not empty
     */
    public List<OidcClient> clients() {
        return clients;
    }

    /**
     * The registered users, in the order given; the first approves device codes by default and is
     * the subject of {@link #token()}.
     *
     * @return the users, not empty
     */
    public List<OidcUser> users() {
        return users;
    }

    /**
     * How long the access tokens this provider issues are valid.
     *
     * @return the lifetime, also the {@code expires_in} of token answers
     */
    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    /**
     * The id ({@code kid}) of the key that signs tokens now, the only key in the JWKS.
     *
     * @return the current key id
     */
    public String keyId() {
        return keys.current().keyId();
    }

    /**
     * Replaces the signing key by a new one under a new key id. The JWKS lists only the new key.
     *
     * <p>Incus caches the keys it fetched; a token with a key id it does not know makes it fetch the
     * JWKS again, so new tokens keep working without touching the daemon, while tokens signed with
     * the old key are rejected once Incus has refetched.
     *
     * @return the new key id
     */
    public String rotateSigningKey() {
        return keys.rotate().keyId();
    }

    /**
     * Starts a token for the first user, as the token endpoint would issue it to the first client;
     * change it with the builder's methods and {@link TokenBuilder#mint() mint} it.
     *
     * @return a new builder: {@code iss} this issuer, {@code sub}/{@code email} the first user's,
     *         {@code aud} the first client's id, valid for {@link #accessTokenLifetime()}
     */
    public TokenBuilder token() {
        OidcUser user = users.get(0);
        return new TokenBuilder(keys, issuer, accessTokenLifetime).user(user).audience(clients.get(0).id());
    }

    /**
     * Stops listening and ends the provider's threads (waiting at most a few seconds). Idempotent.
     */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "OidcProvider[" + issuer + "]";
    }

    /** Describes an {@link OidcProvider} before it starts. Not thread-safe. */
    public static final class Builder {

        private final List<OidcClient> clients = new ArrayList<>();
        private final List<OidcUser> users = new ArrayList<>();
        private int port;
        private Duration accessTokenLifetime = Duration.ofMinutes(5);
        private Duration idTokenLifetime = Duration.ofMinutes(5);
        private Duration refreshTokenLifetime = Duration.ofHours(8);
        private Duration deviceCodeLifetime = Duration.ofMinutes(5);
        private Duration pollInterval = Duration.ofSeconds(1);

        private Builder() {
        }

        /**
         * Registers a client. Without any, the provider has {@link #DEFAULT_CLIENT}.
         *
         * @param client the client; its id must be unique
         * @return this builder
         */
        public Builder client(OidcClient client) {
            clients.add(Objects.requireNonNull(client, "client"));
            return this;
        }

        /**
         * Registers a user. Without any, the provider has {@link #DEFAULT_USER}.
         *
         * @param user the user
         * @return this builder
         */
        public Builder user(OidcUser user) {
            users.add(Objects.requireNonNull(user, "user"));
            return this;
        }

        /**
         * Listens on this port instead of a free one, for example to start a provider again under
         * the same issuer.
         *
         * @param port a TCP port, or {@code 0} (the default) for a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a TCP port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets how long issued access tokens are valid; five minutes by default. A few seconds let a
         * test watch a client refresh.
         *
         * @param lifetime at least one second
         * @return this builder
         */
        public Builder accessTokenLifetime(Duration lifetime) {
            this.accessTokenLifetime = atLeastOneSecond(lifetime, "accessTokenLifetime");
            return this;
        }

        /**
         * Sets how long issued ID tokens are valid; five minutes by default. Keep it above five
         * seconds for the {@code incus} command line: it verifies the ID token that comes with a
         * refresh as if the clock were five seconds ahead, and signs in again from scratch when that
         * fails.
         *
         * @param lifetime at least one second
         * @return this builder
         */
        public Builder idTokenLifetime(Duration lifetime) {
            this.idTokenLifetime = atLeastOneSecond(lifetime, "idTokenLifetime");
            return this;
        }

        /**
         * Sets how long refresh tokens are valid; eight hours by default.
         *
         * @param lifetime at least one second
         * @return this builder
         */
        public Builder refreshTokenLifetime(Duration lifetime) {
            this.refreshTokenLifetime = atLeastOneSecond(lifetime, "refreshTokenLifetime");
            return this;
        }

        /**
         * Sets how long a device code waits for approval; five minutes by default.
         *
         * @param lifetime at least one second
         * @return this builder
         */
        public Builder deviceCodeLifetime(Duration lifetime) {
            this.deviceCodeLifetime = atLeastOneSecond(lifetime, "deviceCodeLifetime");
            return this;
        }

        /**
         * Sets the {@code interval} the device authorization answer tells clients to wait between
         * polls; one second by default. Whole seconds.
         *
         * @param interval at least one second
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = atLeastOneSecond(interval, "pollInterval");
            return this;
        }

        /**
         * Starts the provider.
         *
         * @return the running provider; close it when done
         * @throws IllegalArgumentException     if two clients share an id
         * @throws java.io.UncheckedIOException if the port cannot be bound
         */
        public OidcProvider start() {
            return new OidcProvider(this);
        }

        private static Duration atLeastOneSecond(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.toSeconds() < 1) {
                throw new IllegalArgumentException(name + " must be at least one second, not " + duration);
            }
            return duration;
        }
    }
}
