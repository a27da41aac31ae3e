package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusJson;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.IncusResponse;
import io.github.incus4j.client.internal.protocol.ResourceUrls;
import io.github.incus4j.client.model.Operation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request patterns every resource area repeats (names, objects, ETagged reads, plain and
 * background writes), so that the API classes only describe their requests.
 */
final class Calls {

    private static final JavaType STRINGS = listOf(String.class);
    private static final JavaType MAP = IncusJson.mapper().getTypeFactory()
            .constructMapType(java.util.LinkedHashMap.class, String.class, Object.class);

    private final IncusHttp http;
    private final ApiExtensions extensions;

    /**
     * Creates the helper for one client scope.
     *
     * @param http the executor of the client's project and target
     * @param extensions the client's extension cache, shared by its scoped copies
     */
    Calls(IncusHttp http, ApiExtensions extensions) {
        this.http = http;
        this.extensions = extensions;
    }

    IncusHttp http() {
        return http;
    }

    ApiExtensions extensions() {
        return extensions;
    }

    /** A raw upgrade ({@code sftp}, {@code nbd}, {@code tcp}): the connection, once the daemon switched. */
    Mono<UpgradedConnection> upgrade(IncusRequest request, String protocol) {
        return http.upgrade(request, protocol).map(UpgradedConnection::new);
    }

    static JavaType listOf(Class<?> element) {
        return IncusJson.mapper().getTypeFactory().constructCollectionType(List.class, element);
    }

    /** A {@code recursion=0} answer: the last path segment of every URL listed. */
    Mono<List<String>> names(IncusRequest request) {
        return http.send(request, STRINGS).map(response -> {
            List<String> urls = response.metadataKind() == IncusResponse.MetadataKind.NULL ? List.of() : response.metadataAs(STRINGS);
            List<String> names = new ArrayList<>(urls.size());
            for (String url : urls) {
                names.add(ResourceUrls.lastSegment(url));
            }
            return names;
        });
    }

    /** A list answer; {@code null} metadata (which some endpoints send for "none") is an empty list. */
    <T> Mono<List<T>> list(IncusRequest request, JavaType listType) {
        return http.send(request, listType).map(response -> response.metadataKind() == IncusResponse.MetadataKind.NULL ? List.<T>of()
                : response.<List<T>>metadataAs(listType));
    }

    /** An answer whose metadata is a JSON object of any shape; {@code null} becomes an empty map. */
    Mono<Map<String, Object>> map(IncusRequest request) {
        return http.send(request, MAP).map(response -> response.metadataKind() == IncusResponse.MetadataKind.NULL ? Map.<String, Object>of()
                : response.<Map<String, Object>>metadataAs(MAP));
    }

    <T> Mono<T> object(IncusRequest request, Class<T> type) {
        JavaType metadataType = IncusJson.mapper().constructType(type);
        return http.send(request, metadataType).map(response -> response.metadataAs(metadataType));
    }

    <T> Mono<ETagged<T>> tagged(IncusRequest request, Class<T> type) {
        JavaType metadataType = IncusJson.mapper().constructType(type);
        return http.send(request, metadataType)
                .map(response -> new ETagged<>(response.<T>metadataAs(metadataType), response.etag()));
    }

    Mono<Void> run(IncusRequest request) {
        return send(request).then();
    }

    /** An endpoint that always answers 202. */
    Mono<OperationHandle> async(IncusRequest request) {
        return send(request).flatMap(response -> Operations.handle(http, response));
    }

    /**
     * An endpoint the specification lets answer either synchronously (200/201) or with 202: a
     * synchronous answer becomes a handle that is already complete.
     */
    Mono<OperationHandle> syncOrAsync(IncusRequest request) {
        return send(request).flatMap(response -> response.isAsync() ? Operations.handle(http, response)
                : Mono.just(completed(response)));
    }

    /**
     * An upload the daemon answers with 202: the local file streamed as the body, its size sent as
     * {@code Content-Length}, read on subscription; the caller has checked the file.
     */
    Mono<OperationHandle> asyncUpload(IncusRequest.Builder request, Path file) {
        return Mono.fromCallable(() -> Downloads.size(file)).flatMap(size -> async(request.copy()
                .body(Downloads.upload(file)).header(HttpHeaders.CONTENT_LENGTH, Long.toString(size)).build()));
    }

    private OperationHandle completed(IncusResponse response) {
        Operation done = new Operation("", "task", response.request(), null, null, "Success", 200, Map.of(),
                Map.of(), false, "", "");
        return new OperationHandle(http, done);
    }

    private Mono<IncusResponse> send(IncusRequest request) {
        return http.send(request);
    }

    /** Sends the request only when the server has the extension; fails naming it otherwise. */
    <T> Mono<T> requiring(String extension, Mono<T> call) {
        return extensions.require(extension).then(call);
    }

    /** A creation body: {@code name} followed by the fields of the writable part. */
    static ObjectNode named(String name, Object writable) {
        return keyed("name", name, writable);
    }

    /** A creation body: the key field (such as {@code listen_address}) followed by the fields of the writable part. */
    static ObjectNode keyed(String field, String value, Object writable) {
        ObjectNode body = IncusJson.mapper().createObjectNode();
        body.put(field, value);
        body.setAll((ObjectNode) IncusJson.mapper().valueToTree(writable));
        return body;
    }
}
