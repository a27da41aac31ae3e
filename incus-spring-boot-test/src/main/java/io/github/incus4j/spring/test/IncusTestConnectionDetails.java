package io.github.incus4j.spring.test;

import io.github.incus4j.spring.autoconfigure.IncusConnectionDetails;
import io.github.incus4j.test.ClientCredentials;
import io.github.incus4j.test.IncusCluster;
import io.github.incus4j.test.IncusDaemon;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * {@link IncusConnectionDetails} of a throw-away daemon or cluster of {@code incus-test}.
 *
 * <p>{@link IncusServiceConnection} and {@link IncusClusterServiceConnection} register one for the
 * run's shared fixture. For a daemon a test starts itself (one of its own to stop and restart, say),
 * declare the bean yourself:
 * <pre>{@code
 * @TestConfiguration
 * static class OwnDaemon {
 *     @Bean(destroyMethod = "close")
 *     IncusDaemon daemon() { return IncusDaemon.start(); }
 *
 *     @Bean
 *     IncusConnectionDetails incusConnectionDetails(IncusDaemon daemon) {
 *         return IncusTestConnectionDetails.https(daemon);
 *     }
 * }
 * }</pre>
 *
 * <p>Over HTTPS the details present the fixture's trusted client certificate as an {@link SslBundle}
 * (its PKCS#12 key store) and pin the server certificate, as the {@code incus} command line pins a
 * remote's; the project is the daemon's default one.
 */
public final class IncusTestConnectionDetails implements IncusConnectionDetails {

    private final List<URI> urls;
    private final @Nullable Path socketPath;
    private final @Nullable SslBundle sslBundle;
    private final @Nullable X509Certificate serverCertificate;
    private final String description;

    private IncusTestConnectionDetails(List<URI> urls, @Nullable Path socketPath, @Nullable SslBundle sslBundle,
            @Nullable X509Certificate serverCertificate, String description) {
        this.urls = List.copyOf(urls);
        this.socketPath = socketPath;
        this.sslBundle = sslBundle;
        this.serverCertificate = serverCertificate;
        this.description = description;
    }

    /**
     * The daemon's HTTPS address with its trusted client certificate and pinned server certificate.
     *
     * @param daemon a running daemon
     * @return the details; the key store and certificate are read now
     */
    public static IncusTestConnectionDetails https(IncusDaemon daemon) {
        Objects.requireNonNull(daemon, "daemon");
        return new IncusTestConnectionDetails(List.of(daemon.httpsUrl()), null, bundle(daemon.trustedClient()),
                certificate(daemon.serverCertificate()), "daemon " + daemon.httpsUrl());
    }

    /**
     * The daemon's Unix socket; every request over it is trusted, as the tests run as root.
     *
     * @param daemon a running daemon
     * @return the details
     */
    public static IncusTestConnectionDetails unixSocket(IncusDaemon daemon) {
        Objects.requireNonNull(daemon, "daemon");
        return new IncusTestConnectionDetails(List.of(), daemon.socketPath(), null, null,
                "daemon " + daemon.socketPath());
    }

    /**
     * Every member's HTTPS address, in member order, with the client certificate the cluster trusts
     * and the cluster certificate pinned (every member serves it, whatever its address).
     *
     * @param cluster a running cluster
     * @return the details; the key store and certificate are read now
     */
    public static IncusTestConnectionDetails https(IncusCluster cluster) {
        Objects.requireNonNull(cluster, "cluster");
        List<URI> urls = cluster.members().stream().map(IncusCluster.Member::httpsUrl).toList();
        return new IncusTestConnectionDetails(urls, null, bundle(cluster.trustedClient()),
                certificate(cluster.certificate()), "cluster " + urls);
    }

    @Override
    public List<URI> getUrls() {
        return urls;
    }

    @Override
    public @Nullable Path getSocketPath() {
        return socketPath;
    }

    @Override
    public @Nullable SslBundle getSslBundle() {
        return sslBundle;
    }

    @Override
    public @Nullable X509Certificate getServerCertificate() {
        return serverCertificate;
    }

    /**
     * Names the fixture, as the starter's messages quote the details bean.
     *
     * @return such as {@code IncusTestConnectionDetails[daemon https://127.0.0.1:41234]}
     */
    @Override
    public String toString() {
        return "IncusTestConnectionDetails[" + description + "]";
    }

    private static SslBundle bundle(ClientCredentials client) {
        String password = client.keyStorePassword();
        return SslBundle.of(SslStoreBundle.of(client.loadKeyStore(), password, null),
                SslBundleKey.of(password, client.keyAlias()));
    }

    private static X509Certificate certificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the server certificate " + pem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot parse the server certificate " + pem + ": " + e.getMessage(), e);
        }
    }
}
