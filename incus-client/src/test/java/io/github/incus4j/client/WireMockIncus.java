package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * A WireMock server that speaks HTTPS (TLS 1.3) with a fixed test certificate, standing in for an
 * Incus daemon in unit tests, and clients pinned to its certificate.
 */
public final class WireMockIncus {

    private WireMockIncus() {
    }

    /**
     * Creates the extension; register it with {@code @RegisterExtension}.
     *
     * @return the extension
     */
    public static WireMockExtension server() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig()
                        .httpDisabled(true)
                        .dynamicHttpsPort()
                        .bindAddress("127.0.0.1")
                        .keystorePath(resource("tls/server.p12").toString())
                        .keystoreType("PKCS12")
                        .keystorePassword("changeit")
                        .keyManagerPassword("changeit"))
                .build();
    }

    /**
     * Starts a client builder pinned to the WireMock server's certificate.
     *
     * @param server the running server
     * @return a builder for a client of that server
     */
    public static IncusClientBuilder client(WireMockExtension server) {
        return IncusClient.builder()
                .url("https://127.0.0.1:" + server.getHttpsPort())
                .serverCertificate(resource("tls/server.crt"));
    }

    /**
     * Finds a test resource as a file.
     *
     * @param name the resource name
     * @return its path
     */
    public static Path resource(String name) {
        try {
            return Path.of(WireMockIncus.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    /**
     * Answers {@code GET /1.0} as a trusted server with exactly these API extensions, as the client
     * reads them before calls that need one.
     *
     * @param server the running server
     * @param names the extension names
     */
    public static void stubExtensions(WireMockExtension server, String... names) {
        String list = names.length == 0 ? "[]" : "[\"" + String.join("\",\"", names) + "\"]";
        server.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(sync("{\"api_extensions\":" + list + ",\"auth\":\"trusted\"}"))));
    }

    /**
     * A sync envelope around some metadata JSON.
     *
     * @param metadata the metadata JSON
     * @return the envelope JSON
     */
    public static String sync(String metadata) {
        return "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\",\"error_code\":0,"
                + "\"error\":\"\",\"metadata\":" + metadata + "}";
    }

    /**
     * An error envelope.
     *
     * @param code the error code
     * @param message the error text
     * @return the envelope JSON
     */
    public static String error(int code, String message) {
        return "{\"type\":\"error\",\"status\":\"\",\"status_code\":0,\"operation\":\"\",\"error_code\":" + code
                + ",\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"metadata\":null}";
    }

    /**
     * An operation object.
     *
     * @param id the id
     * @param statusCode its status code
     * @param status its status text
     * @param err its error text
     * @return the operation JSON
     */
    public static String operation(String id, int statusCode, String status, String err) {
        return "{\"id\":\"" + id + "\",\"class\":\"task\",\"description\":\"Test op\",\"created_at\":"
                + "\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:01Z\",\"status\":\"" + status
                + "\",\"status_code\":" + statusCode + ",\"resources\":{\"instances\":[\"/1.0/instances/c1\"]},"
                + "\"metadata\":null,\"may_cancel\":true,\"err\":\"" + err + "\",\"location\":\"none\"}";
    }

    /**
     * An async envelope for an operation.
     *
     * @param id the operation id
     * @return the envelope JSON
     */
    public static String async(String id) {
        return "{\"type\":\"async\",\"status\":\"Operation created\",\"status_code\":100,\"operation\":"
                + "\"/1.0/operations/" + id + "\",\"error_code\":0,\"error\":\"\",\"metadata\":"
                + operation(id, 103, "Running", "") + "}";
    }
}
