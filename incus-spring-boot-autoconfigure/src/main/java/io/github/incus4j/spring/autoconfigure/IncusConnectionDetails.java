package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusTokenSource;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Details required to reach an Incus daemon: where it is, the project, and the TLS material.
 *
 * <p>By default they come from the {@code incus.*} properties (and the {@code incus} command
 * line's configuration with {@code incus.remote}). Define a bean of this type to take them from
 * elsewhere, such as a secret store or service discovery: it then replaces {@code incus.url},
 * {@code incus.socket-path}, {@code incus.remote}, {@code incus.cli-config-dir},
 * {@code incus.project}, the certificate, key and keystore properties, {@code incus.ssl.bundle}
 * and {@code incus.oidc.*} for the unnamed client (named clients, {@code incus.clients.NAME.*}, keep their properties).
 * The other {@code incus.*} settings (target, timeouts, pool, health) still apply.
 * <pre>{@code
 * @Bean
 * IncusConnectionDetails incusConnectionDetails(Vault vault) {
 *     return new IncusConnectionDetails() {
 *         public List<URI> getUrls() { return List.of(URI.create("https://incus.example.net:8443")); }
 *         public SslBundle getSslBundle() { return vault.incusClientBundle(); }
 *         public X509Certificate getServerCertificate() { return vault.incusServerCertificate(); }
 *     };
 * }
 * }</pre>
 */
public interface IncusConnectionDetails extends ConnectionDetails {

    /**
     * The daemon's HTTPS addresses, such as {@code https://incus.example.net:8443}; several (a
     * cluster's members) are tried in turn when one cannot be reached. Empty for a local daemon
     * over its Unix socket.
     *
     * @return the addresses, in the order to try; empty for the Unix socket
     */
    List<URI> getUrls();

    /**
     * The Unix socket of a local daemon, used when {@link #getUrls()} is empty.
     *
     * @return the socket, or {@code null} to find it the way the {@code incus} command line does
     */
    default @Nullable Path getSocketPath() {
        return null;
    }

    /**
     * The project requests are made in.
     *
     * @return the project, or {@code null} for the daemon's default one
     */
    default @Nullable String getProject() {
        return null;
    }

    /**
     * The TLS material for HTTPS: the keystore's key entry is the client certificate (its key
     * alias chooses one), the truststore decides which servers to trust, with host name
     * verification, unless {@link #getServerCertificate()} pins one. Enabled protocols map onto the
     * client's TLS versions (TLS 1.3, with TLS 1.2 where listed); cipher suites cannot be honoured
     * and are refused at start-up.
     *
     * @return the bundle, or {@code null} for no client certificate and the JVM's default trust
     */
    default @Nullable SslBundle getSslBundle() {
        return null;
    }

    /**
     * The daemon's own certificate, trusted exactly and whatever the host name, as the {@code incus}
     * command line pins a remote's certificate; the usual way to trust an Incus server, whose
     * certificate is self-signed. When set, the SSL bundle's truststore is not used.
     *
     * @return the certificate to pin, or {@code null}
     */
    default @Nullable X509Certificate getServerCertificate() {
        return null;
    }

    /**
     * The OpenID Connect access tokens sent as {@code Authorization: Bearer} to a daemon with
     * {@code oidc.*} configured, over HTTPS only. A token is asked for before every request; one
     * that Incus refuses as expired is asked for again once, through
     * {@link IncusTokenSource#refresh(String)}.
     *
     * @return the token source, or {@code null} to authenticate by the client certificate alone
     */
    default @Nullable IncusTokenSource getTokenSource() {
        return null;
    }
}
