package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusSettingException.Setting;
import io.github.incus4j.client.exception.IncusSettingException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusObservations;
import io.github.incus4j.client.internal.protocol.LazyTransport;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.internal.protocol.RequestAuthorization;
import io.github.incus4j.client.internal.protocol.WebSocketConnector;
import io.github.incus4j.client.internal.transport.AddressFailover;
import io.github.incus4j.client.internal.transport.ClientKeys;
import io.github.incus4j.client.internal.transport.Endpoint;
import io.github.incus4j.client.internal.transport.HttpsEndpoint;
import io.github.incus4j.client.internal.transport.ReactorConnectors;
import io.github.incus4j.client.internal.transport.TlsSettings;
import io.github.incus4j.client.internal.transport.UnixSocketEndpoint;
import io.github.incus4j.client.internal.transport.UnixSocketResolver;
import io.github.incus4j.client.internal.transport.UpgradeConnector;
import io.micrometer.observation.ObservationRegistry;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.DefaultUriBuilderFactory;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Builds an {@link IncusClient}.
 *
 * <p>Local access (the default) goes through the daemon's Unix socket:
 * <pre>{@code
 * IncusClient local = IncusClient.builder().build();                       // found automatically
 * IncusClient explicit = IncusClient.builder().unixSocket(Path.of("/var/lib/incus/unix.socket")).build();
 * }</pre>
 * Remote access uses HTTPS with mutual TLS:
 * <pre>{@code
 * IncusClient remote = IncusClient.builder()
 *         .url("https://incus.example.net:8443")
 *         .clientCertificate(Path.of("client.crt"), Path.of("client.key"))
 *         .serverCertificate(Path.of("servercerts/incus.crt"))          // pin the server's certificate
 *         .project("web")
 *         .build();
 * }</pre>
 * A cluster's members, tried in turn when one cannot be reached, are given with
 * {@link #urls(List)} instead of {@link #url(String)}. A server with OpenID Connect
 * ({@code oidc.*}) takes bearer tokens instead of, or next to, a client certificate:
 * {@link #bearerToken(String)} or {@link #bearerTokens(IncusTokenSource)}.
 *
 * <p>Every setting is checked in the setter or in {@link #build()}, which throws an
 * {@link IncusSettingException} (an {@link IllegalArgumentException}) naming the setting and the
 * fix; its {@link IncusSettingException#setting() setting()} says which setting it is about.
 * Building never contacts the daemon.
 */
public final class IncusClientBuilder {

    /** Default time allowed to connect (and complete the TLS handshake). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default time allowed for a response once a request is sent. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** Default size of the connection pool. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    /** Default limit for one JSON response body: large enough for thousands of instances. */
    public static final int DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024;

    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    private @Nullable Path socketPath;
    /** The HTTPS addresses, tried in turn; empty for the Unix socket. */
    private List<URI> urls = List.of();
    private @Nullable KeyManagerFactory keyManagers;
    private @Nullable X509Certificate serverCertificate;
    private @Nullable IncusTokenSource tokenSource;
    private @Nullable TrustManagerFactory trustManagers;
    private boolean allowTls12;
    private @Nullable String project;
    private @Nullable String target;
    private String userAgent = defaultUserAgent();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private @Nullable Duration maxConnectionLifetime;
    private int maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;
    private WebClient.@Nullable Builder webClientBuilder;
    private @Nullable Supplier<WebClient.@Nullable Builder> lazyWebClientBuilder;
    private String name = "default";
    private @Nullable ObservationRegistry observationRegistry;

    IncusClientBuilder() {
    }

    /**
     * Talks to a local daemon through this Unix socket, with no automatic resolution and no
     * fallback to the per-user socket.
     *
     * @param path the socket path, such as {@code /var/lib/incus/unix.socket}
     * @return this builder
     */
    public IncusClientBuilder unixSocket(Path path) {
        this.socketPath = check(Setting.SOCKET_PATH, () -> Names.required("socketPath", path));
        return this;
    }

    /**
     * Talks to a remote daemon over HTTPS (replacing any address set before).
     *
     * @param httpsUrl the daemon's address, such as {@code https://incus.example.net:8443}
     * @return this builder
     * @throws IncusSettingException ({@link Setting#URL}) if it is not an {@code https} URL with a host
     */
    public IncusClientBuilder url(String httpsUrl) {
        check(Setting.URL, () -> Names.required("url", httpsUrl));
        try {
            return url(new URI(httpsUrl.strip()));
        } catch (URISyntaxException e) {
            throw new IncusSettingException(Setting.URL, "url '" + httpsUrl + "' is not a valid URL: " + e.getMessage()
                    + "; expected https://host:port", e);
        }
    }

    /**
     * Talks to a remote daemon over HTTPS.
     *
     * @param httpsUrl the daemon's address
     * @return this builder
     * @throws IncusSettingException ({@link Setting#URL}) if it is not an {@code https} URL with a host
     */
    public IncusClientBuilder url(URI httpsUrl) {
        check(Setting.URL, () -> Names.required("url", httpsUrl));
        this.urls = List.of(normalized("url", httpsUrl));
        return this;
    }

    /**
     * Talks to a remote daemon, or a cluster, at one of several HTTPS addresses, as the
     * {@code incus} command line does with a remote whose {@code addr} lists several. Requests,
     * websockets and raw connections go to the address that answered last (at first the first
     * one); when one cannot be reached (refused, unreachable, connect timeout, failed TLS
     * handshake), the same request is made to the next. A failure after connecting is never
     * retried elsewhere: the daemon may have acted on the request. Every address must present a
     * certificate the trust settings accept (a cluster's members share one).
     *
     * @param httpsUrls the addresses, such as {@code https://node1:8443}, in the order to try
     * @return this builder
     * @throws IncusSettingException ({@link Setting#URL}) if the list is empty or an address is not
     *     an {@code https} URL with a host
     */
    public IncusClientBuilder urls(List<String> httpsUrls) {
        check(Setting.URL, () -> Names.required("urls", httpsUrls));
        if (httpsUrls.isEmpty()) {
            throw new IncusSettingException(Setting.URL, "urls is empty; give at least one https://host:port");
        }
        List<URI> parsed = new ArrayList<>();
        for (int i = 0; i < httpsUrls.size(); i++) {
            String name = "urls[" + i + "]";
            String given = httpsUrls.get(i);
            String httpsUrl = check(Setting.URL, () -> Names.required(name, given));
            try {
                parsed.add(normalized(name, new URI(httpsUrl.strip())));
            } catch (URISyntaxException e) {
                throw new IncusSettingException(Setting.URL, name + " '" + httpsUrl + "' is not a valid URL: "
                        + e.getMessage() + "; expected https://host:port", e);
            }
        }
        this.urls = List.copyOf(parsed);
        return this;
    }

    private static URI normalized(String name, URI httpsUrl) {
        if (!"https".equalsIgnoreCase(httpsUrl.getScheme())) {
            throw new IncusSettingException(Setting.URL,
                    name + " '" + httpsUrl + "' must use https (Incus serves its API over "
                    + "HTTPS with mutual TLS); for a local daemon use the Unix socket instead");
        }
        if (httpsUrl.getHost() == null || httpsUrl.getHost().isEmpty()) {
            throw new IncusSettingException(Setting.URL,
                    name + " '" + httpsUrl + "' has no host; expected https://host:port");
        }
        String path = httpsUrl.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || httpsUrl.getRawQuery() != null
                || httpsUrl.getRawFragment() != null) {
            throw new IncusSettingException(Setting.URL,
                    name + " '" + httpsUrl + "' must not have a path, query or fragment; "
                    + "expected https://host:port (the client adds /1.0/...)");
        }
        int port = httpsUrl.getPort() == -1 ? 8443 : httpsUrl.getPort();
        return URI.create("https://" + hostForUri(httpsUrl.getHost()) + ":" + port);
    }

    /**
     * Authenticates with a client certificate and key read from PEM files, such as the
     * {@code client.crt} and {@code client.key} of the {@code incus} command line.
     *
     * @param certificate the PEM certificate file
     * @param privateKey the PEM private key file (PKCS#8, SEC1 EC or PKCS#1 RSA, unencrypted)
     * @return this builder
     * @throws IncusSettingException if a file is missing or not what it should be:
     *     {@link Setting#CLIENT_CERTIFICATE} or {@link Setting#CLIENT_KEY}, whichever is at fault
     */
    public IncusClientBuilder clientCertificate(Path certificate, Path privateKey) {
        check(Setting.CLIENT_CERTIFICATE, () -> Names.required("clientCertificate", certificate));
        check(Setting.CLIENT_KEY, () -> Names.required("clientKey", privateKey));
        return keyManagers(ClientKeys.fromPemFiles(certificate, privateKey));
    }

    /**
     * Authenticates with a client certificate from a keystore file.
     *
     * @param keyStore the keystore file
     * @param type {@code PKCS12} or {@code JKS}, or {@code null} to recognise it from the content
     * @param password the keystore password (also the key's)
     * @param alias the key entry to use, or {@code null} when there is only one
     * @return this builder
     * @throws IncusSettingException if the file cannot be opened, with which reason:
     *     {@link Setting#CLIENT_KEYSTORE}, {@link Setting#CLIENT_KEYSTORE_TYPE},
     *     {@link Setting#CLIENT_KEYSTORE_PASSWORD} or {@link Setting#CLIENT_KEY_ALIAS}
     */
    public IncusClientBuilder clientKeyStore(Path keyStore, @Nullable String type, char[] password,
            @Nullable String alias) {
        check(Setting.CLIENT_KEYSTORE, () -> Names.required("clientKeyStore", keyStore));
        check(Setting.CLIENT_KEYSTORE_PASSWORD, () -> Names.required("clientKeyStorePassword", password));
        return keyManagers(ClientKeys.fromKeyStore(keyStore, type, password, alias));
    }

    /**
     * Authenticates with key material from elsewhere (a Spring Boot SSL bundle, a hardware token).
     *
     * @param factory the key managers offering the client certificate
     * @return this builder
     */
    public IncusClientBuilder keyManagers(KeyManagerFactory factory) {
        this.keyManagers = check(Setting.KEY_MANAGERS, () -> Names.required("keyManagers", factory));
        return this;
    }

    /**
     * Authenticates with this OpenID Connect access token, sent as {@code Authorization: Bearer}
     * with every request, websocket and raw connection. It cannot be renewed: once it expires,
     * calls fail with an {@link io.github.incus4j.client.exception.IncusAuthenticationException}
     * (reason {@code EXPIRED}); use {@link #bearerTokens(IncusTokenSource)} for tokens that are
     * renewed. Replaces any token source set before.
     *
     * <p>Incus checks the token against its {@code oidc.issuer}, {@code oidc.audience} and the
     * token's expiry. A client certificate may be given too, but Incus then authenticates the
     * token alone: the certificate is ignored, even when the token is refused.
     *
     * @param token the access token alone (a JWT), without {@code Bearer }
     * @return this builder
     * @throws IncusSettingException ({@link Setting#BEARER_TOKEN}) if it is blank, holds
     *     whitespace or starts with {@code Bearer }; the message never quotes it
     */
    public IncusClientBuilder bearerToken(String token) {
        this.tokenSource = IncusTokenSource.of(token);
        return this;
    }

    /**
     * Authenticates with OpenID Connect access tokens from a source that may renew them (an OAuth2
     * client, a secret store): asked before every request, websocket and raw connection, and asked
     * once for a fresh token when Incus refuses one as expired (see {@link IncusTokenSource}).
     * Replaces any token set before. Only for an HTTPS {@link #url(String)}.
     *
     * @param source the token source
     * @return this builder
     */
    public IncusClientBuilder bearerTokens(IncusTokenSource source) {
        this.tokenSource = check(Setting.BEARER_TOKEN, () -> Names.required("bearerTokens", source));
        return this;
    }

    /**
     * Trusts exactly this server certificate, the way the {@code incus} command line pins a
     * remote's certificate ({@code ~/.config/incus/servercerts/<remote>.crt}); the URL's host name is
     * not checked against it.
     *
     * @param pemFile the server certificate (PEM), such as the daemon's {@code server.crt}
     * @return this builder
     * @throws IncusSettingException ({@link Setting#SERVER_CERTIFICATE}) if the file is missing or
     *     holds no certificate
     */
    public IncusClientBuilder serverCertificate(Path pemFile) {
        check(Setting.SERVER_CERTIFICATE, () -> Names.required("serverCertificate", pemFile));
        return serverCertificate(ClientKeys.certificateFromPemFile(pemFile));
    }

    /**
     * Trusts exactly this server certificate.
     *
     * @param certificate the server certificate
     * @return this builder
     */
    public IncusClientBuilder serverCertificate(X509Certificate certificate) {
        this.serverCertificate = check(Setting.SERVER_CERTIFICATE, () -> Names.required("serverCertificate",
                certificate));
        return this;
    }

    /**
     * Trusts servers whose certificate one of these authorities signed (Incus PKI mode), with host
     * name verification.
     *
     * @param pemFile the CA certificate(s), PEM
     * @return this builder
     * @throws IncusSettingException ({@link Setting#CERTIFICATE_AUTHORITIES}) if the file is missing
     *     or holds no certificate
     */
    public IncusClientBuilder certificateAuthorities(Path pemFile) {
        check(Setting.CERTIFICATE_AUTHORITIES, () -> Names.required("certificateAuthorities", pemFile));
        return trustManagers(ClientKeys.trustAuthorities(pemFile));
    }

    /**
     * Trusts servers as these trust managers decide, with host name verification.
     *
     * @param factory the trust managers, for example from a Spring Boot SSL bundle
     * @return this builder
     */
    public IncusClientBuilder trustManagers(TrustManagerFactory factory) {
        this.trustManagers = check(Setting.TRUST_MANAGERS, () -> Names.required("trustManagers", factory));
        return this;
    }

    /**
     * Allows TLS 1.2. Incus itself refuses TLS 1.2 unless {@code INCUS_INSECURE_TLS} is set on the
     * server, so this is only for such servers.
     *
     * @param allow whether TLS 1.2 may be negotiated
     * @return this builder
     */
    public IncusClientBuilder allowTls12(boolean allow) {
        this.allowTls12 = allow;
        return this;
    }

    /**
     * Makes requests in this project ({@code ?project=}); without it the daemon's default
     * project applies (or {@code user-<uid>} on the per-user socket).
     *
     * @param name the project name
     * @return this builder
     */
    public IncusClientBuilder project(String name) {
        this.project = check(Setting.PROJECT, () -> Names.segment("project", name));
        return this;
    }

    /**
     * Sends requests to this cluster member ({@code ?target=}).
     *
     * @param member the member name
     * @return this builder
     */
    public IncusClientBuilder target(String member) {
        this.target = check(Setting.TARGET, () -> Names.segment("target", member));
        return this;
    }

    /**
     * Sets the {@code User-Agent} header.
     *
     * @param value the user agent
     * @return this builder
     */
    public IncusClientBuilder userAgent(String value) {
        if (value == null || value.isBlank()) {
            throw new IncusSettingException(Setting.USER_AGENT, "userAgent must not be blank");
        }
        this.userAgent = value;
        return this;
    }

    /**
     * Sets how long connecting (and the TLS handshake) may take; default 5 seconds.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public IncusClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = check(Setting.CONNECT_TIMEOUT, () -> Names.positive("connectTimeout", timeout));
        return this;
    }

    /**
     * Sets how long to wait for a response once a request is sent; default 30 seconds. Waiting for
     * operations is not bound by it: each wait sets its own.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public IncusClientBuilder responseTimeout(Duration timeout) {
        this.responseTimeout = check(Setting.RESPONSE_TIMEOUT, () -> Names.positive("responseTimeout", timeout));
        return this;
    }

    /**
     * Sets the size of the connection pool; default 16. Requests beyond it wait for a free
     * connection.
     *
     * @param connections a positive number
     * @return this builder
     */
    public IncusClientBuilder maxConnections(int connections) {
        if (connections <= 0) {
            throw new IncusSettingException(Setting.MAX_CONNECTIONS,
                    "maxConnections must be positive, got " + connections);
        }
        this.maxConnections = connections;
        return this;
    }

    /**
     * Limits how long a pooled connection is used: once older than this, it is closed when it
     * returns to the pool (or is found there idle) instead of being used again, and the next
     * request opens a new one. A request in flight is never cut. Default: no limit (a connection
     * idle for 30 seconds is closed anyway).
     *
     * <p>Set it when key material can change while the client runs, such as a client certificate
     * or trust from {@link #keyManagers}/{@link #trustManagers} that are reloaded (a Spring Boot
     * SSL bundle): new connections make their TLS handshake with the current material, but an
     * open connection keeps the session it was made with, and a busy pool may keep a connection
     * for hours. With a lifetime, no connection made with the old material outlives it. It costs a
     * new connection (and TLS handshake) per lifetime and pooled connection. Websockets (exec
     * streams, events) do not use the pool and are not affected.
     *
     * @param lifetime a positive duration, such as 5 minutes
     * @return this builder
     */
    public IncusClientBuilder maxConnectionLifetime(Duration lifetime) {
        this.maxConnectionLifetime = check(Setting.MAX_CONNECTION_LIFETIME,
                () -> Names.positive("maxConnectionLifetime", lifetime));
        return this;
    }

    /**
     * Sets the largest JSON response body accepted, in bytes; default 64 MiB. Larger answers fail
     * with an {@link io.github.incus4j.client.exception.IncusProtocolException} rather than exhausting the heap.
     *
     * @param bytes a positive number of bytes
     * @return this builder
     */
    public IncusClientBuilder maxResponseSize(int bytes) {
        if (bytes <= 0) {
            throw new IncusSettingException(Setting.MAX_RESPONSE_SIZE,
                    "maxResponseSize must be positive, got " + bytes);
        }
        this.maxResponseSize = bytes;
        return this;
    }

    /**
     * Builds on a caller's {@link WebClient.Builder}, for example Spring Boot's, so that its
     * observations (metrics, tracing) and filters apply. The builder is cloned: the client sets its
     * own connector, URI handling and codecs on the clone, never on the original.
     *
     * @param builder the builder to start from
     * @return this builder
     */
    public IncusClientBuilder webClientBuilder(WebClient.Builder builder) {
        this.webClientBuilder = check(Setting.WEB_CLIENT_BUILDER, () -> Names.required("webClientBuilder", builder));
        this.lazyWebClientBuilder = null;
        return this;
    }

    /**
     * Builds on a caller's {@link WebClient.Builder} that is looked up only when the client makes
     * its first request, such as Spring Boot's builder bean through an {@code ObjectProvider}:
     * creating that bean sets up an HTTP connector and codecs, which an application should not
     * pay for at start-up. The builder supplied is cloned as in {@link #webClientBuilder(WebClient.Builder)};
     * a supplier that returns {@code null} means a plain {@code WebClient.builder()}.
     *
     * @param builder supplies the builder to start from, called once when the first request sets
     *     up the transport (again by a later request if that set-up failed)
     * @return this builder
     */
    public IncusClientBuilder webClientBuilder(Supplier<WebClient.@Nullable Builder> builder) {
        this.lazyWebClientBuilder = check(Setting.WEB_CLIENT_BUILDER,
                () -> Names.required("webClientBuilder", builder));
        this.webClientBuilder = null;
        return this;
    }

    /**
     * Names the client in what it records: the {@code incus.client} tag of its observations, so
     * that the metrics of several clients can be told apart. Default {@code default}. The name is
     * a tag value, so keep it to a few fixed names (never an instance or a user).
     *
     * @param clientName a short name of letters, digits, {@code .}, {@code _} or {@code -}
     * @return this builder
     * @throws IncusSettingException ({@link Setting#NAME}) if it is blank or has other characters
     */
    public IncusClientBuilder name(String clientName) {
        check(Setting.NAME, () -> Names.required("name", clientName));
        if (!clientName.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IncusSettingException(Setting.NAME, "name '" + clientName + "' must be 1 to 64 letters, digits, "
                    + "'.', '_' or '-' (it becomes the incus.client tag of the client's metrics)");
        }
        this.name = clientName;
        return this;
    }

    /**
     * Records the client's work through Micrometer's Observation API: every HTTP exchange as
     * {@code incus.client.requests} (operation long polls tagged {@code incus.request=operation-wait},
     * other calls {@code call}), exec, console and event websocket sessions as
     * {@code incus.client.sessions}, and the opening of raw upgrades (SFTP, NBD, port forwarding)
     * as {@code incus.client.upgrades}; each tagged with the client's {@link #name(String) name}
     * and how it ended. No tag holds an instance name, an operation id or a secret. Without a
     * registry the client records nothing of its own, and its exchanges only through the
     * registry of a {@link #webClientBuilder(WebClient.Builder) WebClient.Builder} given to it.
     *
     * @param registry the registry, such as a Spring application's
     * @return this builder
     */
    public IncusClientBuilder observationRegistry(ObservationRegistry registry) {
        this.observationRegistry = check(Setting.OBSERVATION_REGISTRY,
                () -> Names.required("observationRegistry", registry));
        return this;
    }

    /**
     * Builds the client. Nothing is contacted, and the connection pool and Reactor Netty clients
     * are set up on the first request: building a client is cheap, and every setting is still
     * checked here.
     *
     * @return the client
     * @throws IncusSettingException if settings conflict ({@link Setting#CONFLICT}) or the key and
     *     trust material cannot make a TLS context ({@link Setting#TLS})
     */
    public IncusClient build() {
        checkConsistency();
        // Everything the first request will use is fixed now: changing this builder later
        // (to build another client) must not reach this one.
        Limits limits = new Limits(connectTimeout, responseTimeout, maxConnections, maxConnectionLifetime,
                maxResponseSize, userAgent);
        Endpoint endpoint;
        Supplier<LazyTransport.Parts> parts;
        String effectiveProject = project;
        Supplier<WebClient.@Nullable Builder> base = base();
        IncusObservations observations = new IncusObservations(observationRegistry, name);
        if (!urls.isEmpty()) {
            HttpsEndpoint https = new HttpsEndpoint(urls);
            endpoint = https;
            AddressFailover addresses = new AddressFailover(https);
            // Built here, not on first use: bad key or trust material must fail build().
            TlsSettings settings = new TlsSettings(keyManagers, serverCertificate, trustManagers, allowTls12);
            SslContext tls = ReactorConnectors.sslContext(settings);
            boolean pinned = serverCertificate != null;
            parts = () -> transportParts(limits, base, pool -> ReactorConnectors.https(tls, pinned, pool,
                    limits.connectTimeout(), limits.responseTimeout()),
                    new DefaultUriBuilderFactory("wss://" + https.url().getRawAuthority()), https, addresses,
                    () -> UpgradeConnector.https(ReactorConnectors.httpsUpgrades(tls, pinned, limits.connectTimeout()),
                            addresses, limits.userAgent()), observations);
        } else {
            UnixSocketEndpoint socket = UnixSocketResolver.resolve(socketPath);
            endpoint = socket;
            if (effectiveProject == null) {
                effectiveProject = socket.defaultProject();
            }
            // Relative URIs only (no base URL): Reactor Netty dials the socket only for those.
            parts = () -> transportParts(limits, base, pool -> ReactorConnectors.unixSocket(socket.path(), pool,
                    limits.connectTimeout(), limits.responseTimeout()), new DefaultUriBuilderFactory(), socket,
                    null, () -> UpgradeConnector.unixSocket(ReactorConnectors.unixSocketUpgrades(socket.path(),
                            limits.connectTimeout()), limits.userAgent()), observations);
        }
        LazyTransport transport = new LazyTransport(parts, endpoint.describe());
        IncusHttp http = new IncusHttp(transport, endpoint, limits.responseTimeout(), limits.maxResponseSize(),
                effectiveProject, target, authorization(tokenSource, limits.responseTimeout()), observations);
        return new IncusClient(http, endpoint.describe());
    }

    private static RequestAuthorization authorization(@Nullable IncusTokenSource source, Duration timeout) {
        return source == null ? RequestAuthorization.none()
                : RequestAuthorization.bearer(source::token, source::refresh, timeout);
    }

    /** The settings the transport is built with, as they were when {@link #build()} was called. */
    private record Limits(Duration connectTimeout, Duration responseTimeout, int maxConnections,
            @Nullable Duration maxConnectionLifetime, int maxResponseSize, String userAgent) {
    }

    /**
     * Builds the pool, the clients and the WebClient: the first request's work, see
     * {@link LazyTransport}. The application's WebClient builder is looked up first, so that a
     * lookup that fails leaves no pool behind (the next request tries again).
     */
    private static LazyTransport.Parts transportParts(Limits limits, Supplier<WebClient.@Nullable Builder> base,
            Function<ConnectionProvider, HttpClient> clients, DefaultUriBuilderFactory webSocketUris,
            Endpoint endpoint, @Nullable AddressFailover addresses, Supplier<UpgradeConnector> upgrades,
            IncusObservations observations) {
        WebClient.@Nullable Builder supplied = base.get();
        ConnectionProvider.Builder poolSettings = ConnectionProvider.builder("incus-" + POOL_COUNTER.incrementAndGet())
                .maxConnections(limits.maxConnections())
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(limits.connectTimeout().plus(limits.responseTimeout()))
                .maxIdleTime(Duration.ofSeconds(30));
        if (limits.maxConnectionLifetime() != null) {
            poolSettings.maxLifeTime(limits.maxConnectionLifetime());
        }
        ConnectionProvider pool = poolSettings.build();
        try {
            webSocketUris.setEncodingMode(DefaultUriBuilderFactory.EncodingMode.TEMPLATE_AND_VALUES);
            HttpClient httpClient = clients.apply(pool);
            WebClient.Builder webClientBuilder = (supplied != null ? supplied.clone() : WebClient.builder())
                    .clientConnector(new ReactorClientHttpConnector(httpClient))
                    .codecs(codecs -> {
                        codecs.defaultCodecs().maxInMemorySize(limits.maxResponseSize());
                        // WebClient's request-detail logging (spring.http.codecs.log-request-details
                        // reaching us through a customizer) prints headers, a bearer token among them.
                        codecs.defaultCodecs().enableLoggingRequestDetails(false);
                    })
                    .defaultHeader(HttpHeaders.USER_AGENT, limits.userAgent());
            // Whichever builder it came from, the client's exchanges are observed under its own name and tags.
            observations.configure(webClientBuilder);
            if (addresses != null && addresses.endpoint().urls().size() > 1) {
                // Last, so innermost: the application's filters (observations) see one request,
                // however many addresses it took.
                webClientBuilder.filter(addresses.filter());
            }
            WebClient webClient = webClientBuilder.build();
            // Websockets: same factory and settings, but no shared pool (an upgraded connection never
            // returns to it, and long streams must not starve ordinary requests of pool slots).
            WebSocketConnector webSockets = new WebSocketConnector(clients.apply(ConnectionProvider.newConnection()),
                    webSocketUris, endpoint, addresses, limits.userAgent(), limits.connectTimeout());
            // Raw upgrades: the same socket, TLS and timeouts one level lower (TCP), never pooled.
            return new LazyTransport.Parts(webClient, webSockets, upgrades.get(), pool, httpClient.warmup());
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    /** The caller's WebClient builder as it is now (a later change to it does not reach this client), or a lookup for later. */
    private Supplier<WebClient.@Nullable Builder> base() {
        if (webClientBuilder != null) {
            WebClient.Builder snapshot = webClientBuilder.clone();
            return () -> snapshot;
        }
        return lazyWebClientBuilder != null ? lazyWebClientBuilder : () -> null;
    }

    private void checkConsistency() {
        if (!urls.isEmpty() && socketPath != null) {
            throw new IncusSettingException(Setting.CONFLICT,
                    "both url (" + new HttpsEndpoint(urls).describe() + ") and unixSocket (" + socketPath + ") are set; "
                    + "choose one: the Unix socket for a local daemon, the https url for a remote one");
        }
        if (urls.isEmpty() && (keyManagers != null || serverCertificate != null || trustManagers != null)) {
            throw new IncusSettingException(Setting.CONFLICT,
                    "client certificate, server certificate and trust settings apply "
                    + "only to an https url; set url(...) or remove them for the Unix socket");
        }
        if (urls.isEmpty() && tokenSource != null) {
            // Measured on Incus 6.0.4: over the socket a garbage bearer still gets 200 as the
            // socket's user, so a token there would only look as if it counted.
            throw new IncusSettingException(Setting.BEARER_TOKEN,
                    "a bearer token applies only to an https url: over the Unix socket Incus ignores bearer tokens "
                    + "and trusts the socket's user (the incus-admin group, or the incus-user socket's project); "
                    + "set url(...) to use the token, or remove bearerToken/bearerTokens");
        }
        if (serverCertificate != null && trustManagers != null) {
            throw new IncusSettingException(Setting.CONFLICT,
                    "both serverCertificate (pinning) and certificateAuthorities/"
                    + "trustManagers are set; choose one way to trust the server");
        }
    }

    /** Runs a check of {@link Names}, reporting its failure as a failure of the setting, with the same message. */
    private static <T> T check(Setting setting, Supplier<T> validation) {
        try {
            return validation.get();
        } catch (IncusSettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IncusSettingException(setting, String.valueOf(e.getMessage()), e);
        }
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String defaultUserAgent() {
        String version = IncusClient.class.getPackage().getImplementationVersion();
        return "incus4j/" + (version != null ? version : "dev") + " (Java " + Runtime.version().feature() + "; "
                + System.getProperty("os.name") + ")";
    }

    @Override
    public String toString() {
        return "IncusClientBuilder[" + (!urls.isEmpty() ? new HttpsEndpoint(urls).describe() : socketPath != null ? socketPath : "unix socket (auto)")
                + ", clientCertificate=" + (keyManagers != null ? "set" : "none")
                + ", bearerToken=" + (tokenSource != null ? "set" : "none") + "]";
    }

}
