package io.github.incus4j.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * How to reach one Incus daemon: the keys shared by {@code incus.*} and by each named client
 * {@code incus.clients.NAME.*}.
 *
 * <p>Without any setting the client talks to the local daemon over its Unix socket, found the way
 * the {@code incus} command line finds it. Set {@code remote} to use a remote of the command
 * line's configuration, or {@code url} and client credentials for a remote daemon over HTTPS with
 * mutual TLS.
 */
public class IncusConnectionProperties {

    /**
     * Unix socket of a local daemon. Unset: $INCUS_SOCKET, then $INCUS_DIR/unix.socket, then
     * /run/incus/unix.socket or /var/lib/incus/unix.socket (with the per-user socket
     * unix.socket.user as fallback), as the incus command line does. Not to be combined with url.
     */
    private @Nullable Path socketPath;

    /**
     * Name of a remote of the incus command line, such as the NAME of 'incus remote add NAME
     * URL': the client is then built from the command line's configuration (see cli-config-dir):
     * the remote's address (several comma-separated addresses are tried in turn), project, client
     * certificate (client.crt, client.key, client.ca) and pinned server certificate
     * (servercerts/NAME.crt); 'local' is the local Unix socket. Settings given explicitly here win
     * over the file. Only remotes of protocol incus can be used. The INCUS_REMOTE environment
     * variable sets incus.remote too (not a named client's), as it does for the command line.
     * Unset: no command line configuration
     * is read, unless cli-config-dir is set, in which case its default-remote is used.
     */
    private @Nullable String remote;

    /**
     * Configuration directory of the incus command line, holding config.yml, client.crt,
     * client.key and servercerts/. Unset: $INCUS_CONF, else ~/.config/incus, as the command line
     * finds it. Setting it reads the configuration even without remote (then its default-remote
     * is used).
     */
    private @Nullable Path cliConfigDir;

    /**
     * HTTPS address of a remote daemon, such as https://incus.example.net:8443 (port 8443 when
     * omitted), or of a cluster's members separated by commas
     * (https://node1:8443,https://node2:8443): requests go to the one that answered last and move
     * to the next when it cannot be connected to. Unset: the local Unix socket.
     */
    private @Nullable String url;

    /**
     * Client certificate (chain) presented to a remote daemon, in PEM: its location
     * (classpath:, file: or a path, such as the incus command line's client.crt) or the PEM text
     * itself. Goes with client-key.
     */
    private @Nullable String clientCertificate;

    /**
     * Private key of the client certificate, in PEM: its location (classpath:, file: or a path,
     * such as the incus command line's client.key) or the PEM text itself, for example from a
     * secret in the INCUS_CLIENT_KEY environment variable. PKCS#8 (encrypted with
     * client-key-password, or not), SEC1 EC or PKCS#1 RSA. Its value is never logged or shown,
     * not even in error messages.
     */
    private @Nullable String clientKey;

    /**
     * Password of an encrypted PKCS#8 client-key (-----BEGIN ENCRYPTED PRIVATE KEY-----), or of
     * the key entry of client-keystore when it differs from the keystore's password. Never logged
     * or shown.
     */
    private @Nullable String clientKeyPassword;

    /**
     * Location (classpath:, file: or a path) of a keystore (PKCS12 or JKS) holding the client
     * certificate and its key, instead of client-certificate and client-key.
     */
    private @Nullable String clientKeystore;

    /**
     * Type of the client keystore, PKCS12 or JKS. Unset: recognised from the file's content.
     */
    private @Nullable String clientKeystoreType;

    /**
     * Password of the client keystore, also used for the key entry unless client-key-password is
     * set. Never logged or shown.
     */
    private @Nullable String clientKeystorePassword;

    /**
     * Alias of the key entry to use in the client keystore. Unset: the keystore's only key entry.
     * Only for client-keystore.
     */
    private @Nullable String clientKeyAlias;

    /**
     * The daemon's own certificate, in PEM: its location (classpath:, file: or a path, such as
     * the daemon's server.crt or the command line's servercerts/REMOTE.crt) or the PEM text
     * itself. Exactly that certificate is trusted, whatever the host name in the url, as the incus
     * command line pins it. The usual way to trust an Incus server, whose certificate is
     * self-signed.
     */
    private @Nullable String serverCertificate;

    /**
     * Certificates of the authorities that signed the daemon's certificate (Incus PKI mode), in
     * PEM: their location (classpath:, file: or a path) or the PEM text itself; the url's host
     * name is verified. Unset, and with no server-certificate or SSL bundle: the JVM's default
     * trust store.
     */
    private @Nullable String certificateAuthorities;

    /**
     * Whether TLS 1.2 may be negotiated. Incus requires TLS 1.3 unless INCUS_INSECURE_TLS is set
     * on the server. With an SSL bundle, its enabled protocols decide (listing TLSv1.2 allows it).
     */
    private boolean allowTls12 = false;

    /**
     * Project requests are made in. Unset: the daemon's default project (user-UID on the per-user
     * socket).
     */
    private @Nullable String project;

    /**
     * Cluster member requests are sent to. Unset: whichever member the daemon chooses.
     */
    private @Nullable String target;

    /**
     * User-Agent header of requests. Unset: incus4j/VERSION with the Java version and operating
     * system.
     */
    private @Nullable String userAgent;

    /**
     * Time allowed to connect, TLS handshake included.
     */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /**
     * Time allowed for a response once a request is sent. Waiting for operations is not bound by
     * it.
     */
    private Duration responseTimeout = Duration.ofSeconds(30);

    /**
     * Size of the connection pool; requests beyond it wait for a free connection.
     */
    private int maxConnections = 16;

    /**
     * Longest time a pooled connection is used: once older, it is closed when it returns to the
     * pool and the next request opens a new one; a request in flight is never cut. Set it when
     * the client certificate or trust can change while the application runs (an SSL bundle with
     * reload-on-update), so that no connection keeps the old identity for longer, or when
     * something between the application and Incus drops old connections. Each pooled connection
     * then costs a new TLS handshake per lifetime. Exec streams and events are not pooled and not
     * affected. Unset: no limit (idle connections are closed after 30 seconds anyway).
     */
    private @Nullable Duration maxConnectionLifetime;

    /**
     * Largest JSON response accepted; larger answers fail rather than exhaust the heap.
     */
    private DataSize maxResponseSize = DataSize.ofMegabytes(64);

    private final Ssl ssl = new Ssl();

    private final Oidc oidc = new Oidc();

    private final Health health = new Health();

    public @Nullable String getRemote() {
        return remote;
    }

    public void setRemote(@Nullable String remote) {
        this.remote = remote;
    }

    public @Nullable Path getCliConfigDir() {
        return cliConfigDir;
    }

    public void setCliConfigDir(@Nullable Path cliConfigDir) {
        this.cliConfigDir = cliConfigDir;
    }

    public @Nullable Path getSocketPath() {
        return socketPath;
    }

    public void setSocketPath(@Nullable Path socketPath) {
        this.socketPath = socketPath;
    }

    public @Nullable String getUrl() {
        return url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    public @Nullable String getClientCertificate() {
        return clientCertificate;
    }

    public void setClientCertificate(@Nullable String clientCertificate) {
        this.clientCertificate = clientCertificate;
    }

    public @Nullable String getClientKey() {
        return clientKey;
    }

    public void setClientKey(@Nullable String clientKey) {
        this.clientKey = clientKey;
    }

    public @Nullable String getClientKeyPassword() {
        return clientKeyPassword;
    }

    public void setClientKeyPassword(@Nullable String clientKeyPassword) {
        this.clientKeyPassword = clientKeyPassword;
    }

    public @Nullable String getClientKeystore() {
        return clientKeystore;
    }

    public void setClientKeystore(@Nullable String clientKeystore) {
        this.clientKeystore = clientKeystore;
    }

    public @Nullable String getClientKeystoreType() {
        return clientKeystoreType;
    }

    public void setClientKeystoreType(@Nullable String clientKeystoreType) {
        this.clientKeystoreType = clientKeystoreType;
    }

    public @Nullable String getClientKeystorePassword() {
        return clientKeystorePassword;
    }

    public void setClientKeystorePassword(@Nullable String clientKeystorePassword) {
        this.clientKeystorePassword = clientKeystorePassword;
    }

    public @Nullable String getClientKeyAlias() {
        return clientKeyAlias;
    }

    public void setClientKeyAlias(@Nullable String clientKeyAlias) {
        this.clientKeyAlias = clientKeyAlias;
    }

    public @Nullable String getServerCertificate() {
        return serverCertificate;
    }

    public void setServerCertificate(@Nullable String serverCertificate) {
        this.serverCertificate = serverCertificate;
    }

    public @Nullable String getCertificateAuthorities() {
        return certificateAuthorities;
    }

    public void setCertificateAuthorities(@Nullable String certificateAuthorities) {
        this.certificateAuthorities = certificateAuthorities;
    }

    public boolean isAllowTls12() {
        return allowTls12;
    }

    public void setAllowTls12(boolean allowTls12) {
        this.allowTls12 = allowTls12;
    }

    public @Nullable String getProject() {
        return project;
    }

    public void setProject(@Nullable String project) {
        this.project = project;
    }

    public @Nullable String getTarget() {
        return target;
    }

    public void setTarget(@Nullable String target) {
        this.target = target;
    }

    public @Nullable String getUserAgent() {
        return userAgent;
    }

    public void setUserAgent(@Nullable String userAgent) {
        this.userAgent = userAgent;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public @Nullable Duration getMaxConnectionLifetime() {
        return maxConnectionLifetime;
    }

    public void setMaxConnectionLifetime(@Nullable Duration maxConnectionLifetime) {
        this.maxConnectionLifetime = maxConnectionLifetime;
    }

    public DataSize getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(DataSize maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }
    public Ssl getSsl() {
        return ssl;
    }

    public Oidc getOidc() {
        return oidc;
    }

    public Health getHealth() {
        return health;
    }

    /**
     * Copies every setting into another instance.
     *
     * @param copy the instance to overwrite
     */
    void copyTo(IncusConnectionProperties copy) {
        copy.remote = remote;
        copy.cliConfigDir = cliConfigDir;
        copy.socketPath = socketPath;
        copy.url = url;
        copy.clientCertificate = clientCertificate;
        copy.clientKey = clientKey;
        copy.clientKeyPassword = clientKeyPassword;
        copy.clientKeystore = clientKeystore;
        copy.clientKeystoreType = clientKeystoreType;
        copy.clientKeystorePassword = clientKeystorePassword;
        copy.clientKeyAlias = clientKeyAlias;
        copy.serverCertificate = serverCertificate;
        copy.certificateAuthorities = certificateAuthorities;
        copy.allowTls12 = allowTls12;
        copy.project = project;
        copy.target = target;
        copy.userAgent = userAgent;
        copy.connectTimeout = connectTimeout;
        copy.responseTimeout = responseTimeout;
        copy.maxConnections = maxConnections;
        copy.maxConnectionLifetime = maxConnectionLifetime;
        copy.maxResponseSize = maxResponseSize;
        copy.ssl.setBundle(ssl.getBundle());
        copy.oidc.setToken(oidc.getToken());
        copy.oidc.setRegistration(oidc.getRegistration());
        copy.health.setEnabled(health.isEnabled());
        copy.health.setTimeout(health.getTimeout());
        copy.health.setRequireTrusted(health.isRequireTrusted());
    }

    /**
     * Describes the settings without the client key, its password, the keystore password and the
     * bearer token, and without inline PEM content.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + describe() + "]";
    }

    String describe() {
        return "remote=" + remote + ", cliConfigDir=" + cliConfigDir + ", socketPath=" + socketPath + ", url=" + url
                + ", clientCertificate=" + TlsValues.describe(clientCertificate)
                + ", clientKey=" + (clientKey != null ? "******" : null)
                + ", clientKeyPassword=" + (clientKeyPassword != null ? "******" : null)
                + ", clientKeystore=" + TlsValues.describe(clientKeystore) + ", clientKeystoreType=" + clientKeystoreType
                + ", clientKeystorePassword=" + (clientKeystorePassword != null ? "******" : null)
                + ", clientKeyAlias=" + clientKeyAlias + ", serverCertificate=" + TlsValues.describe(serverCertificate)
                + ", certificateAuthorities=" + TlsValues.describe(certificateAuthorities) + ", allowTls12=" + allowTls12
                + ", ssl.bundle=" + ssl.getBundle() + ", oidc.token=" + (oidc.getToken() != null ? "******" : null)
                + ", oidc.registration=" + oidc.getRegistration() + ", project=" + project + ", target=" + target
                + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout
                + ", maxConnections=" + maxConnections + ", maxConnectionLifetime=" + maxConnectionLifetime
                + ", maxResponseSize=" + maxResponseSize;
    }

    /**
     * Client credentials and trust from a Spring Boot SSL bundle.
     */
    public static class Ssl {

        /**
         * Name of an SSL bundle (spring.ssl.bundle.pem.NAME or spring.ssl.bundle.jks.NAME) whose
         * keystore holds the client certificate (its key.alias chooses the entry) and whose
         * truststore decides which servers to trust (with host name verification) unless
         * server-certificate pins one. Its options.enabled-protocols set the TLS versions (TLSv1.3,
         * or TLSv1.3,TLSv1.2); options.ciphers cannot be honoured and is refused at start-up. The
         * client follows the bundle when it reloads (reload-on-update). Needs url; not to be
         * combined with client-certificate, client-keystore or certificate-authorities.
         */
        private @Nullable String bundle;

        public @Nullable String getBundle() {
            return bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }
    }
    /**
     * OpenID Connect: bearer tokens for a daemon configured with oidc.* (over HTTPS only). A
     * token is sent with every request, websocket and raw connection; with a client certificate
     * as well, Incus uses the token and ignores the certificate.
     */
    public static class Oidc {

        /**
         * A fixed access token (a JWT of the identity provider set in the daemon's oidc.issuer),
         * sent as is: it is not renewed, and calls fail once it expires. For tokens that are
         * renewed, use registration. Never logged or shown.
         */
        private @Nullable String token;

        /**
         * Name of a Spring Security OAuth2 client registration
         * (spring.security.oauth2.client.registration.NAME) with authorization-grant-type
         * client_credentials: Spring Security obtains the access tokens and renews them before they
         * expire, and a token Incus refuses as expired is renewed once. Needs Spring Security's
         * OAuth2 client (spring-boot-starter-security-oauth2-client) on the class path.
         */
        private @Nullable String registration;

        public @Nullable String getToken() {
            return token;
        }

        public void setToken(@Nullable String token) {
            this.token = token;
        }

        public @Nullable String getRegistration() {
            return registration;
        }

        public void setRegistration(@Nullable String registration) {
            this.registration = registration;
        }

        /** Never the token. */
        @Override
        public String toString() {
            return "Oidc[token=" + (token != null ? "******" : null) + ", registration=" + registration + "]";
        }
    }

    /**
     * Settings of this client's check in the incus health indicator (the whole indicator is turned off
     * with management.health.incus.enabled).
     */
    public static class Health {

        /**
         * Whether this client is part of the incus health indicator. With several clients,
         * false leaves this one out of the composite.
         */
        private boolean enabled = true;

        /**
         * Longest time the health check waits for the daemon's answer to GET /1.0 before it
         * reports DOWN. Keep it below the timeout of any probe that includes the indicator.
         */
        private Duration timeout = Duration.ofSeconds(3);

        /**
         * Whether the daemon must trust the client for the health to be UP; otherwise an
         * untrusted client (auth: untrusted) is UP as long as the daemon answers.
         */
        private boolean requireTrusted = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /**
         * On a cluster, how many members may be offline while the health stays UP; one more makes
         * it DOWN. Unset: offline members are reported in the details but never make the health
         * DOWN (the member that answered decides). Keep it off the liveness probe: a member down
         * elsewhere is no reason to restart this application.
         */
        private @Nullable Integer maxOfflineMembers;

        public boolean isRequireTrusted() {
            return requireTrusted;
        }

        public void setRequireTrusted(boolean requireTrusted) {
            this.requireTrusted = requireTrusted;
        }

        public @Nullable Integer getMaxOfflineMembers() {
            return maxOfflineMembers;
        }

        public void setMaxOfflineMembers(@Nullable Integer maxOfflineMembers) {
            this.maxOfflineMembers = maxOfflineMembers;
        }
    }
}
