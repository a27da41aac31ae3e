package io.github.incus4j.client.internal.transport;

import static io.github.incus4j.client.WireMockIncus.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusConnectionException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TLS 1.3 is the floor unless the caller opts in to 1.2, as Incus itself requires. */
class TlsVersionTest {

    private static final String ENVELOPE = "{\"type\":\"sync\",\"status_code\":200,\"metadata\":{\"auth\":\"trusted\"}}";

    private SSLServerSocket server;
    private Thread acceptor;

    /** A server on 127.0.0.1 that speaks only TLS 1.2 and answers one canned envelope per connection. */
    @BeforeEach
    void startTls12OnlyServer() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(resource("tls/server.p12"))) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10,
                java.net.InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(new String[] {"TLSv1.2"});
        acceptor = new Thread(this::serve, "tls12-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (SSLSocket connection = (SSLSocket) server.accept()) {
                connection.setSoTimeout(5000);
                InputStream in = connection.getInputStream();
                byte[] buffer = new byte[8192];
                if (in.read(buffer) <= 0) {
                    continue;
                }
                byte[] body = ENVELOPE.getBytes(StandardCharsets.UTF_8);
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (java.io.IOException handshakeRefusedOrClosed) {
                // the client refused TLS 1.2, or the test ended
            }
        }
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        acceptor.join(5000);
    }

    private IncusClient client(boolean allowTls12) {
        return IncusClient.builder().url("https://127.0.0.1:" + server.getLocalPort())
                .serverCertificate(resource("tls/server.crt")).allowTls12(allowTls12)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void aServerOfferingOnlyTls12IsRefusedByDefault() {
        try (IncusClient client = client(false)) {
            assertThatThrownBy(() -> client.server().get().block())
                    .isInstanceOfSatisfying(IncusConnectionException.class, e -> {
                        assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.TLS);
                        assertThat(e.getMessage()).contains("TLS 1.3");
                    });
        }
    }

    @Test
    void tls12IsAcceptedWhenTheCallerOptsIn() {
        try (IncusClient client = client(true)) {
            assertThat(client.server().get().block().isTrusted()).isTrue();
        }
    }

    @Test
    void keyMaterialNeverAppearsInDescriptions() {
        javax.net.ssl.KeyManagerFactory keys = ClientKeys.fromKeyStore(resource("tls/ec.p12"), "PKCS12",
                "changeit".toCharArray(), "client");
        TlsSettings settings = new TlsSettings(keys, ClientKeys.certificateFromPemFile(resource("tls/server.crt")),
                null, false);
        String builder = IncusClient.builder().url("https://127.0.0.1:1")
                .clientKeyStore(resource("tls/ec.p12"), "PKCS12", "changeit".toCharArray(), "client").toString();

        assertThat(settings.toString()).contains("clientCertificate=present").doesNotContain("changeit")
                .doesNotContain("PRIVATE");
        assertThat(builder).contains("clientCertificate=set").doesNotContain("changeit");
    }
}
