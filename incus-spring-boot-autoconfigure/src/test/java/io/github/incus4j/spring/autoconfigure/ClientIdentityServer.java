package io.github.incus4j.spring.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS 1.3 (or, if asked, TLS 1.2) server on 127.0.0.1 (certificate {@code tls/server.crt}) that answers every request
 * with a {@code GET /1.0} body whose {@code auth_user_name} is the common name of the client
 * certificate of the connection, then closes the connection. Every request therefore opens a new
 * connection, which either performs a full handshake or resumes an earlier TLS session: the name
 * it answers tells which identity that connection carries.
 */
final class ClientIdentityServer implements AutoCloseable {

    private final SSLServerSocket socket;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "client-identity-connection");
        thread.setDaemon(true);
        return thread;
    });

    ClientIdentityServer() throws Exception {
        this("TLSv1.3");
    }

    /**
     * Starts a server that speaks only these TLS versions.
     *
     * @param protocols such as {@code TLSv1.2}
     */
    ClientIdentityServer(String... protocols) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TestFiles.resource("tls/server.p12"))) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), new TrustManager[] {new AcceptAnyClient()}, null);
        socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        socket.setEnabledProtocols(protocols);
        socket.setWantClientAuth(true);
        acceptor = new Thread(this::serve, "client-identity-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The number of connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /**
     * Accepts connections and answers each on a thread of its own: a client that gave up a handshake
     * without closing its end must not hold up the next connection until the read timeout.
     */
    private void serve() {
        while (!socket.isClosed()) {
            try {
                SSLSocket connection = (SSLSocket) socket.accept();
                connections.incrementAndGet();
                handlers.execute(() -> answerAndClose(connection));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // A failed accept: serve the next one.
            }
        }
    }

    private static void answerAndClose(SSLSocket connection) {
        try (connection) {
            connection.setSoTimeout(5_000);
            answer(connection);
        } catch (IOException e) {
            // A client that gave up the handshake (untrusted server certificate): nothing to answer.
        }
    }

    private static void answer(SSLSocket connection) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.ISO_8859_1));
        String line;
        while ((line = reader.readLine()) != null && !line.isEmpty()) {
            // The request line and headers; a GET has no body.
        }
        String name;
        try {
            X509Certificate client = (X509Certificate) connection.getSession().getPeerCertificates()[0];
            name = client.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        } catch (SSLPeerUnverifiedException noCertificate) {
            name = "";
        }
        String body = IncusStub.sync("{\"api_version\":\"1.0\",\"auth\":\"" + (name.isEmpty() ? "untrusted" : "trusted")
                + "\",\"auth_user_name\":\"" + name + "\"}");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = connection.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws Exception {
        socket.close();
        acceptor.join(5_000);
        handlers.shutdownNow();
        handlers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Takes any client certificate: the server reports identities, it does not check them. */
    private static final class AcceptAnyClient implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("server side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
