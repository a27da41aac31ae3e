package io.github.incus4j.test.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.IncusClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stand-in for an Incus daemon in unit tests: a WireMock server that answers the way Incus does,
 * over HTTPS with a test certificate and over a Unix socket, so that code using
 * {@link IncusClient} can be tested without a daemon and without root.
 * <pre>{@code
 * class LauncherTest {
 *     @RegisterExtension
 *     static IncusStandIn incus = IncusStandIn.create();
 *
 *     @Test
 *     void launches() {
 *         incus.post("/1.0/instances").startsOperation(StandInOperation.succeeds());
 *         try (IncusClient client = incus.clientBuilder().build()) {
 *             new Launcher(client).launch("web1");
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>What it answers like Incus:
 * <ul>
 *   <li>sync, async and error envelopes ({@link StandInStub#returns}, {@link StandInStub#startsOperation},
 *       {@link StandInStub#fails}), the HTTP status being the error code;</li>
 *   <li>{@code GET /1.0} as a trusted client of Incus 6.0.4, with its API extensions or the ones a test
 *       chooses ({@link #apiExtensions}), since the client checks them before calls that need one;</li>
 *   <li>background operations that succeed, fail or never finish, at once or after a while, with
 *       {@code GET /1.0/operations/ID}, {@code /wait?timeout=N} (which waits as the daemon does) and
 *       cancellation by {@code DELETE};</li>
 *   <li>ETags: sent with a {@code GET}, and a write whose {@code If-Match} is stale refused with 412
 *       ({@link StandInStub#etag});</li>
 *   <li>anything not stubbed: 404 with an error envelope naming the request.</li>
 * </ul>
 * Websockets (exec, console, events) and raw upgrades (SFTP) are not served: WireMock speaks plain
 * HTTP only; test those against a real daemon ({@code incus-test}).
 *
 * <p>HTTPS requires the test client certificate ({@link #clientCertificatePem()}), the way an Incus
 * daemon asks for one; a client without it fails the handshake. The server certificate is fixed,
 * names {@code 127.0.0.1}, and is pinned by {@link #clientBuilder()}. The key material is for tests
 * only (it is published in this jar).
 *
 * <p>As a JUnit 5 extension ({@code @RegisterExtension}), a static field gives one stand-in per
 * class, an instance field one per test; either way every test starts with no stubs of its own
 * and no operations (stub in {@code @BeforeEach} or in the test). Without JUnit, {@link #start()}
 * and {@link #close()}.
 */
public final class IncusStandIn implements AutoCloseable, BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    /** The stand-in's server certificate, as a Spring resource location (for {@code incus.server-certificate}). */
    public static final String SERVER_CERTIFICATE_LOCATION = "classpath:" + TestTls.DIRECTORY + "server.crt";
    /** The client certificate it accepts, as a Spring resource location (for {@code incus.client-certificate}). */
    public static final String CLIENT_CERTIFICATE_LOCATION = "classpath:" + TestTls.DIRECTORY + "client.crt";
    /** The client certificate's key, as a Spring resource location (for {@code incus.client-key}). */
    public static final String CLIENT_KEY_LOCATION = "classpath:" + TestTls.DIRECTORY + "client.key";

    private static final List<String> INCUS_6_0_EXTENSIONS = readExtensions();

    private final StandInResponses responses = new StandInResponses();
    private @Nullable WireMockServer server;
    private @Nullable UnixSocketForwarder socket;
    private @Nullable Path stores;
    private @Nullable StubMapping serverStub;
    private boolean startedForOneTest;
    private @Nullable String startedFor;

    private IncusStandIn() {
    }

    /**
     * Creates a stand-in for {@code @RegisterExtension}; JUnit starts and stops it.
     *
     * @return the stand-in, not started
     */
    public static IncusStandIn create() {
        return new IncusStandIn();
    }

    /**
     * Starts a stand-in, for use without JUnit's extension; {@link #close()} it when done.
     *
     * @return the running stand-in
     */
    public static IncusStandIn start() {
        IncusStandIn standIn = new IncusStandIn();
        standIn.startServer();
        return standIn;
    }

    /**
     * A client builder for the stand-in over HTTPS: its URL, the test client certificate, and its
     * server certificate pinned. Set anything else on it (project, timeouts) before building.
     *
     * @return a new builder
     */
    public IncusClientBuilder clientBuilder() {
        return IncusClient.builder().url(url()).keyManagers(TestTls.clientKeyManagers())
                .serverCertificate(serverCertificate());
    }

    /**
     * A client builder for the stand-in over its Unix socket.
     *
     * @return a new builder
     */
    public IncusClientBuilder unixSocketClientBuilder() {
        return IncusClient.builder().unixSocket(socketPath());
    }

    /**
     * The stand-in's HTTPS address.
     *
     * @return {@code https://127.0.0.1:PORT}
     */
    public URI url() {
        return URI.create("https://127.0.0.1:" + running().httpsPort());
    }

    /**
     * The stand-in's Unix socket, forwarded to WireMock (whose Jetty cannot listen on one).
     *
     * @return a socket in a temporary directory, removed when the stand-in stops
     */
    public Path socketPath() {
        running();
        return Objects.requireNonNull(socket).socket();
    }

    /**
     * The server certificate the stand-in presents, to pin.
     *
     * @return the certificate (self-signed, names {@code 127.0.0.1}, {@code ::1} and {@code localhost})
     */
    public X509Certificate serverCertificate() {
        return TestTls.certificate("server.crt");
    }

    /**
     * The server certificate as PEM, for clients that take text.
     *
     * @return the PEM text
     */
    public String serverCertificatePem() {
        return TestTls.text("server.crt");
    }

    /**
     * The client certificate the stand-in accepts, as PEM.
     *
     * @return the PEM text
     */
    public String clientCertificatePem() {
        return TestTls.text("client.crt");
    }

    /**
     * The client certificate's private key, as unencrypted PKCS#8 PEM. A test key: it is public.
     *
     * @return the PEM text
     */
    public String clientKeyPem() {
        return TestTls.text("client.key");
    }

    /**
     * The WireMock server behind the stand-in, to verify requests ({@code wireMock().verify(...)},
     * {@code findAll}) or stub what this class does not cover.
     *
     * @return the running server
     */
    public WireMockServer wireMock() {
        return running();
    }

    /**
     * Makes {@code GET /1.0} list exactly these API extensions (by default: those of Incus 6.0.4).
     * The client reads them before a call that needs one and refuses the call when it is missing.
     *
     * @param names the extension names, such as {@code instance_create_start}
     */
    public void apiExtensions(String... names) {
        stubServer(List.of(names));
    }

    /**
     * Stubs {@code GET path}.
     *
     * @param path the request path, such as {@code /1.0/instances/web1}
     * @return the stub, to say what it answers
     */
    public StandInStub get(String path) {
        return stub(RequestMethod.GET, path);
    }

    /**
     * Stubs {@code POST path}.
     *
     * @param path the request path, such as {@code /1.0/instances}
     * @return the stub, to say what it answers
     */
    public StandInStub post(String path) {
        return stub(RequestMethod.POST, path);
    }

    /**
     * Stubs {@code PUT path}.
     *
     * @param path the request path
     * @return the stub, to say what it answers
     */
    public StandInStub put(String path) {
        return stub(RequestMethod.PUT, path);
    }

    /**
     * Stubs {@code PATCH path}.
     *
     * @param path the request path
     * @return the stub, to say what it answers
     */
    public StandInStub patch(String path) {
        return stub(RequestMethod.PATCH, path);
    }

    /**
     * Stubs {@code DELETE path}.
     *
     * @param path the request path
     * @return the stub, to say what it answers
     */
    public StandInStub delete(String path) {
        return stub(RequestMethod.DELETE, path);
    }

    /**
     * The operations started since the last reset, oldest first.
     *
     * @return a snapshot
     */
    public List<StartedOperation> operations() {
        return responses.operations();
    }

    /**
     * Forgets every stub, request and operation and answers as when it started; JUnit's extension
     * does this before each test.
     */
    public void reset() {
        WireMockServer running = running();
        running.resetAll();
        responses.reset();
        stubDefaults(running);
    }

    /** Stops the server and removes the Unix socket. Idempotent. */
    @Override
    public synchronized void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
        if (server != null) {
            server.stop();
            server = null;
        }
        if (stores != null) {
            TestTls.deleteServerStores(stores);
            stores = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // A @Nested class sees its enclosing class's extension again: the outer class owns the server.
        if (server == null) {
            startServer();
            startedFor = context.getUniqueId();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) {
            startServer();
            startedForOneTest = true;
        } else {
            reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (startedForOneTest) {
            startedForOneTest = false;
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(startedFor)) {
            startedFor = null;
            close();
        }
    }

    private synchronized void startServer() {
        if (server != null) {
            return;
        }
        Path extracted = TestTls.extractServerStores();
        stores = extracted;
        WireMockServer started = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicHttpsPort()
                // Plain HTTP only for the Unix socket forwarder, on the loopback address.
                .dynamicPort()
                .keystorePath(extracted.resolve("server.p12").toString())
                .keystoreType("PKCS12")
                .keystorePassword(TestTls.PASSWORD)
                .keyManagerPassword(TestTls.PASSWORD)
                .needClientAuth(true)
                .trustStorePath(extracted.resolve("trusted-clients.p12").toString())
                .trustStoreType("PKCS12")
                .trustStorePassword(TestTls.PASSWORD)
                .extensions(responses));
        try {
            started.start();
            socket = UnixSocketForwarder.start(started.port());
        } catch (RuntimeException e) {
            started.stop();
            TestTls.deleteServerStores(extracted);
            stores = null;
            throw e;
        }
        server = started;
        stubDefaults(started);
    }

    private void stubDefaults(WireMockServer running) {
        serverStub = null;
        stubServer(INCUS_6_0_EXTENSIONS);
        running.stubFor(WireMock.get(urlPathMatching("/1\\.0/operations/[^/]+")).willReturn(answer(StandInResponses.OPERATION)));
        running.stubFor(WireMock.get(urlPathMatching("/1\\.0/operations/[^/]+/wait"))
                .willReturn(answer(StandInResponses.OPERATION_WAIT)));
        running.stubFor(WireMock.delete(urlPathMatching("/1\\.0/operations/[^/]+"))
                .willReturn(answer(StandInResponses.OPERATION_CANCEL)));
        // Lowest priority: an Incus-like 404 for whatever no stub answers, naming the request.
        running.stubFor(any(anyUrl()).atPriority(100).willReturn(answer(StandInResponses.UNMATCHED)));
    }

    private synchronized void stubServer(List<String> extensions) {
        WireMockServer running = running();
        if (serverStub != null) {
            running.removeStub(serverStub);
        }
        String key = responses.register(new StandInResponses.Answer(200, serverJson(extensions), null, null));
        serverStub = running.stubFor(WireMock.get(urlPathEqualTo("/1.0")).willReturn(
                aResponse().withTransformers(StandInResponses.NAME).withTransformerParameter(StandInResponses.ANSWER, key)));
    }

    private StandInStub stub(RequestMethod method, String path) {
        WireMockServer running = running();
        return new StandInStub(method, path, responses, (MappingBuilder mapping) -> running.stubFor(mapping));
    }

    private static ResponseDefinitionBuilder answer(String key) {
        return aResponse().withTransformers(StandInResponses.NAME).withTransformerParameter(StandInResponses.ANSWER, key);
    }

    private WireMockServer running() {
        WireMockServer running = server;
        if (running == null) {
            throw new IllegalStateException("The Incus stand-in is not running: register it with @RegisterExtension "
                    + "(it starts before the tests) or use IncusStandIn.start(), and stub in @BeforeEach or the test");
        }
        return running;
    }

    /** {@code GET /1.0} of a trusted client of Incus 6.0.4 on a stand-alone server. */
    private String serverJson(List<String> extensions) {
        X509Certificate certificate = serverCertificate();
        return "{\"config\":{},\"api_extensions\":" + Envelopes.stringArray(extensions) + ",\"api_status\":\"stable\","
                + "\"api_version\":\"1.0\",\"auth\":\"trusted\",\"public\":false,\"auth_methods\":[\"tls\"],"
                + "\"auth_user_name\":\"stand-in\",\"auth_user_method\":\"tls\",\"environment\":{"
                + "\"addresses\":[\"127.0.0.1\"],\"architectures\":[\"x86_64\",\"i686\"],\"certificate\":"
                + Envelopes.quote(serverCertificatePem()) + ",\"certificate_fingerprint\":"
                + Envelopes.quote(sha256(certificate)) + ",\"driver\":\"lxc\",\"driver_version\":\"5.0.2\","
                + "\"firewall\":\"nftables\",\"kernel\":\"Linux\",\"kernel_architecture\":\"x86_64\","
                + "\"kernel_version\":\"6.1.0\",\"os_name\":\"Debian GNU/Linux\",\"os_version\":\"12\","
                + "\"project\":\"default\",\"server\":\"incus\",\"server_clustered\":false,"
                + "\"server_event_mode\":\"full-mesh\",\"server_name\":\"incus-stand-in\",\"server_pid\":1,"
                + "\"server_version\":\"6.0.4\",\"storage\":\"dir\",\"storage_version\":\"1\"}}";
    }

    private static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot fingerprint the stand-in's certificate", e);
        }
    }

    private static List<String> readExtensions() {
        String name = "io/github/incus4j/test/wiremock/incus-6.0.4-api-extensions.txt";
        try (InputStream in = IncusStandIn.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }
}
