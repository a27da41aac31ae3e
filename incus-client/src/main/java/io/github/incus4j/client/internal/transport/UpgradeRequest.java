package io.github.incus4j.client.internal.transport;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request for one of the daemon's raw upgrades ({@code Upgrade: sftp}, {@code nbd}, {@code tcp}).
 *
 * @param method {@code GET} or {@code POST}
 * @param pathAndQuery the encoded path and query, such as {@code /1.0/instances/c1/sftp?project=p}
 * @param protocol the {@code Upgrade} value, which the daemon must confirm
 * @param jsonBody a JSON body, or {@code null}
 * @param headers further request headers, name to value (the client's {@code Authorization})
 */
public record UpgradeRequest(String method, String pathAndQuery, String protocol, byte @Nullable [] jsonBody,
        Map<String, String> headers) {

    /**
     * Keeps its own copy of the headers: a caller's later change must not reach the request.
     *
     * @param method {@code GET} or {@code POST}
     * @param pathAndQuery the encoded path and query
     * @param protocol the {@code Upgrade} value
     * @param jsonBody a JSON body, or {@code null}
     * @param headers further request headers, name to value
     */
    public UpgradeRequest {
        headers = Map.copyOf(headers);
    }

    /**
     * A request without further headers.
     *
     * @param method {@code GET} or {@code POST}
     * @param pathAndQuery the encoded path and query
     * @param protocol the {@code Upgrade} value
     * @param jsonBody a JSON body, or {@code null}
     */
    public UpgradeRequest(String method, String pathAndQuery, String protocol, byte @Nullable [] jsonBody) {
        this(method, pathAndQuery, protocol, jsonBody, Map.of());
    }

    /**
     * The same request with these headers instead.
     *
     * @param extraHeaders further request headers, name to value
     * @return a new request
     */
    public UpgradeRequest withHeaders(Map<String, String> extraHeaders) {
        return new UpgradeRequest(method, pathAndQuery, protocol, jsonBody, extraHeaders);
    }

    /**
     * Method and path, for messages.
     *
     * @return such as {@code GET /1.0/instances/c1/sftp?project=p}
     */
    public String describe() {
        return method + " " + pathAndQuery;
    }

    /**
     * The request as Netty's HTTP codec writes it: always HTTP/1.1 (the version Reactor Netty's
     * NIO path gets wrong for its own requests is set here, not inferred).
     *
     * @param host the {@code Host} header: the address reached, or a name for the Unix socket
     * @param userAgent the {@code User-Agent} header
     * @return a new request, whose body buffer the codec releases once written
     */
    FullHttpRequest toNetty(String host, String userAgent) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method),
                pathAndQuery, jsonBody != null ? Unpooled.wrappedBuffer(jsonBody) : Unpooled.EMPTY_BUFFER);
        HttpHeaders headers = request.headers()
                .set("Host", host)
                .set("User-Agent", userAgent)
                .set("Connection", "Upgrade")
                .set("Upgrade", protocol);
        this.headers.forEach(headers::set);
        if (jsonBody != null) {
            headers.set("Content-Type", "application/json").setInt("Content-Length", jsonBody.length);
        }
        return request;
    }

    @Override
    public String toString() {
        return "UpgradeRequest[" + describe() + ", " + protocol + (jsonBody != null ? ", " + jsonBody.length
                + " bytes" : "") + "]";
    }
}
