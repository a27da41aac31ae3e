package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * The requests of a collection of named objects ({@code GET} names and objects, {@code POST} to
 * create, {@code GET}/{@code PUT}/{@code PATCH}/{@code POST}/{@code DELETE} one), which most
 * resource areas share; the public API classes add their own documentation and types on top.
 *
 * @param <T> the object type
 */
final class NamedCollection<T> {

    private final Calls calls;
    private final String collection;
    private final String one;
    private final String variable;
    private final Map<String, String> parents;
    private final Class<T> type;
    private final JavaType listType;
    private final @Nullable String extension;

    /**
     * @param calls the request patterns
     * @param collection the collection template, such as {@code /1.0/network-zones/{zone}/records}
     * @param variable the template variable of one object's name, appended as {@code /{variable}}
     * @param parents values of the collection template's variables, already checked
     * @param type the object type
     */
    NamedCollection(Calls calls, String collection, String variable, Map<String, String> parents, Class<T> type) {
        this(calls, collection, variable, parents, type, null);
    }

    private NamedCollection(Calls calls, String collection, String variable, Map<String, String> parents,
            Class<T> type, @Nullable String extension) {
        this.calls = calls;
        this.collection = collection;
        this.one = collection + "/{" + variable + "}";
        this.variable = variable;
        this.parents = new LinkedHashMap<>(parents);
        this.type = type;
        this.listType = Calls.listOf(type);
        this.extension = extension;
    }

    /**
     * Returns the same collection whose every call first checks an API extension (when the
     * {@link Calls} were given the server's extensions), failing without a request if it is missing.
     *
     * @param name the extension the collection's endpoints came with
     * @return the checking collection
     */
    NamedCollection<T> requiring(String name) {
        return new NamedCollection<>(calls, collection, variable, parents, type, name);
    }

    /** Wraps a call in this collection's extension check, if it has one. */
    <R> Mono<R> guarded(Mono<R> call) {
        return extension == null ? call : calls.requiring(extension, call);
    }

    Calls calls() {
        return calls;
    }

    IncusRequest.Builder collection(HttpMethod method) {
        IncusRequest.Builder request = IncusRequest.of(method, collection);
        parents.forEach((name, value) -> request.path(name, name, value));
        return request;
    }

    IncusRequest.Builder one(HttpMethod method, String suffix, String name) {
        IncusRequest.Builder request = IncusRequest.of(method, one + suffix);
        parents.forEach((parent, value) -> request.path(parent, parent, value));
        return request.path(variable, "name", name);
    }

    Mono<List<String>> names(ListOptions options) {
        return guarded(calls.names(Names.required("options", options).applyTo(collection(HttpMethod.GET)).build()));
    }

    Mono<List<T>> list(ListOptions options) {
        return guarded(calls.list(Names.required("options", options).applyTo(collection(HttpMethod.GET)
                .query("recursion", "1")).build(), listType));
    }

    Mono<ETagged<T>> get(String name) {
        return guarded(calls.tagged(one(HttpMethod.GET, "", name).build(), type));
    }

    Mono<Void> create(String name, Object writable) {
        Names.segment("name", name);
        Names.required("body", writable);
        return guarded(calls.run(collection(HttpMethod.POST).json(Calls.named(name, writable)).build()));
    }

    Mono<Void> create(Object body) {
        return guarded(calls.run(collection(HttpMethod.POST).json(body).build()));
    }

    Mono<Void> update(String name, Object writable, @Nullable String etag) {
        Names.required("body", writable);
        return guarded(calls.run(one(HttpMethod.PUT, "", name).json(writable).ifMatch(etag).build()));
    }

    Mono<Void> patch(String name, Object changes, @Nullable String etag) {
        Names.required("changes", changes);
        return guarded(calls.run(one(HttpMethod.PATCH, "", name).json(changes).ifMatch(etag).build()));
    }

    Mono<Void> rename(String name, String newName) {
        Names.segment("newName", newName);
        return guarded(calls.run(one(HttpMethod.POST, "", name).json(Map.of("name", newName)).build()));
    }

    Mono<Void> delete(String name) {
        return guarded(calls.run(one(HttpMethod.DELETE, "", name).build()));
    }

    /** {@link #rename} of a collection whose daemon renames in the background (202). */
    Mono<OperationHandle> renameInBackground(String name, String newName) {
        Names.segment("newName", newName);
        return guarded(calls.async(one(HttpMethod.POST, "", name).json(Map.of("name", newName)).build()));
    }

    /** {@link #delete} of a collection whose daemon deletes in the background (202). */
    Mono<OperationHandle> deleteInBackground(String name) {
        return guarded(calls.async(one(HttpMethod.DELETE, "", name).build()));
    }
}
