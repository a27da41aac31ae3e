package io.github.incus4j.spring.autoconfigure;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * An HTTPS WireMock server standing in for an Incus daemon, with the fixture certificate
 * {@code tls/server.crt}, and the JSON bodies Incus answers with.
 */
public final class IncusStub {

    private IncusStub() {
    }

    /**
     * Creates the extension; register it with {@code @RegisterExtension}.
     *
     * @return a WireMock extension serving HTTPS only, on 127.0.0.1
     */
    public static WireMockExtension server() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig()
                        .httpDisabled(true)
                        .dynamicHttpsPort()
                        .bindAddress("127.0.0.1")
                        .keystorePath(TestFiles.path("tls/server.p12"))
                        .keystoreType("PKCS12")
                        .keystorePassword("changeit")
                        .keyManagerPassword("changeit"))
                .build();
    }

    /**
     * Returns the properties that point the auto-configured client at a stub, pinned to its certificate.
     *
     * @param server the running stub
     * @return {@code incus.url} and {@code incus.server-certificate} settings
     */
    public static String[] clientProperties(WireMockExtension server) {
        return new String[] {"incus.url=https://127.0.0.1:" + server.getHttpsPort(),
                "incus.server-certificate=" + TestFiles.path("tls/server.crt")};
    }

    /**
     * The answer of a daemon to {@code GET /1.0}.
     *
     * @param trusted whether the client is trusted (untrusted clients get no environment)
     * @return the envelope JSON
     */
    public static String server(boolean trusted) {
        String environment = trusted ? ",\"environment\":{\"server\":\"incus\",\"server_version\":\"6.0.4\","
                + "\"server_name\":\"stub-host\",\"server_clustered\":false,\"project\":\"default\"}" : "";
        return sync("{\"api_version\":\"1.0\",\"api_status\":\"stable\",\"auth\":\""
                + (trusted ? "trusted" : "untrusted") + "\",\"auth_methods\":[\"tls\"],\"config\":{}"
                + environment + "}");
    }

    /**
     * A sync envelope around some metadata.
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
     * @param code the HTTP status it goes with
     * @param message the error text
     * @return the envelope JSON
     */
    public static String error(int code, String message) {
        return "{\"type\":\"error\",\"status\":\"\",\"status_code\":0,\"operation\":\"\",\"error_code\":" + code
                + ",\"error\":\"" + message + "\",\"metadata\":null}";
    }

    /**
     * An operation.
     *
     * @param id its id
     * @param statusCode its status code (103 running, 200 success, 400 failure)
     * @param err its error text
     * @param metadata its metadata JSON
     * @return the operation JSON
     */
    public static String operation(String id, int statusCode, String err, String metadata) {
        String status = switch (statusCode) {
            case 200 -> "Success";
            case 400 -> "Failure";
            case 401 -> "Cancelled";
            default -> "Running";
        };
        return "{\"id\":\"" + id + "\",\"class\":\"task\",\"description\":\"Creating instance\",\"created_at\":"
                + "\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:01Z\",\"status\":\"" + status
                + "\",\"status_code\":" + statusCode + ",\"resources\":{\"instances\":[\"/1.0/instances/c1\"]},"
                + "\"metadata\":" + metadata + ",\"may_cancel\":true,\"err\":\"" + err + "\",\"location\":\"none\"}";
    }

    /**
     * The answer to a call that started an operation.
     *
     * @param id the operation id
     * @return the async envelope JSON
     */
    public static String async(String id) {
        return "{\"type\":\"async\",\"status\":\"Operation created\",\"status_code\":100,\"operation\":"
                + "\"/1.0/operations/" + id + "\",\"error_code\":0,\"error\":\"\",\"metadata\":"
                + operation(id, 103, "", "null") + "}";
    }
}
