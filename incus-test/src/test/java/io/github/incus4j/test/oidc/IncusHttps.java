package io.github.incus4j.test.oidc;

import io.github.incus4j.test.IncusDaemon;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Requests to a test daemon's HTTPS API with the JDK client, trusting only the daemon's server
 * certificate and presenting NO client certificate, so only a bearer token can authenticate.
 */
final class IncusHttps {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** An Incus answer: the status, the parsed envelope and the raw response for headers. */
    record Answer(int status, Map<String, Object> envelope, HttpResponse<String> raw) {

        @SuppressWarnings("unchecked")
        Map<String, Object> metadata() {
            return (Map<String, Object>) envelope.get("metadata");
        }

        String error() {
            return (String) envelope.get("error");
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private final URI base;
    private final HttpClient client;

    IncusHttps(IncusDaemon daemon) throws IOException, GeneralSecurityException {
        this.base = daemon.httpsUrl();
        this.client = HttpClient.newBuilder().sslContext(trusting(daemon)).connectTimeout(TIMEOUT).build();
    }

    Answer get(String path, String bearerToken) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request.build());
    }

    Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.readObject(response.body()), response);
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    private static SSLContext trusting(IncusDaemon daemon) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(daemon.serverCertificate())) {
            trusted.setCertificateEntry("incus-server", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
