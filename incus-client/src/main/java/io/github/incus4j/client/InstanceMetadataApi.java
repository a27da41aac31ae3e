package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.ImageMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The image metadata of one instance ({@code metadata.yaml}: {@code /1.0/instances/{name}/metadata}),
 * reached with {@link InstancesApi#metadata(String)}, and its template files ({@link #templates()}).
 *
 * <pre>{@code
 * InstanceMetadataApi metadata = client.instances().metadata("c1");
 * metadata.templates().write("hostname.tpl", "{{ instance.name }}\n").block();
 * ETagged<ImageMetadata> current = metadata.getWithEtag().block();
 * metadata.update(current.value().withTemplate("/etc/hostname",
 *         ImageMetadataTemplate.of("hostname.tpl", "create", "copy")), current.etag()).block();
 * }</pre>
 *
 * <p>This is what {@code incus config metadata} and {@code incus config template} edit; it matters
 * when the instance is published as an image or copied.
 */
public final class InstanceMetadataApi {

    private static final String METADATA = "/1.0/instances/{name}/metadata";

    private final Calls calls;
    private final String instance;

    /**
     * Creates the API of one instance's metadata.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param instance the instance name, already checked
     */
    InstanceMetadataApi(Calls calls, String instance) {
        this.calls = calls;
        this.instance = instance;
    }

    /**
     * Reads the image metadata.
     *
     * @return the metadata
     */
    public Mono<ImageMetadata> get() {
        return getWithEtag().map(ETagged::value);
    }

    /**
     * Reads the image metadata with its ETag, for a later {@link #update}.
     *
     * @return the metadata and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/metadata")
    public Mono<ETagged<ImageMetadata>> getWithEtag() {
        return calls.tagged(metadata(HttpMethod.GET).build(), ImageMetadata.class);
    }

    /**
     * Replaces the image metadata.
     *
     * @param metadata the new metadata, typically a read one changed with its {@code with...} methods
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}; it is sent as {@code If-Match},
     *     but Incus 6.0.4 does not check it on this endpoint (measured: a wrong one is accepted), so
     *     a concurrent change is overwritten
     * @return completes when written
     */
    @Endpoint(method = "PUT", path = "/1.0/instances/{name}/metadata")
    public Mono<Void> update(ImageMetadata metadata, @Nullable String etag) {
        Names.required("metadata", metadata);
        return calls.run(metadata(HttpMethod.PUT).json(metadata).ifMatch(etag).build());
    }

    /**
     * Changes only the given fields of the image metadata; {@code properties} and
     * {@code templates} given are merged into the existing ones.
     *
     * @param changes the fields to change, as JSON-shaped values such as
     *     {@code Map.of("properties", Map.of("description", "web server"))}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}; unlike {@link #update}, this one
     *     is checked (measured on Incus 6.0.4): a stale one fails with
     *     {@link io.github.incus4j.client.exception.IncusPreconditionFailedException}
     * @return completes when written
     */
    @Endpoint(method = "PATCH", path = "/1.0/instances/{name}/metadata")
    public Mono<Void> patch(Object changes, @Nullable String etag) {
        Names.required("changes", changes);
        return calls.run(metadata(HttpMethod.PATCH).json(changes).ifMatch(etag).build());
    }

    /**
     * The template files of this instance: {@code /1.0/instances/{name}/metadata/templates}.
     *
     * @return the templates API
     */
    public InstanceTemplatesApi templates() {
        return new InstanceTemplatesApi(calls, instance);
    }

    private IncusRequest.Builder metadata(HttpMethod method) {
        return IncusRequest.of(method, METADATA).path("name", "instance", instance);
    }
}
