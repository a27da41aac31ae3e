package io.github.incus4j.client;

import io.github.incus4j.client.model.ImageMetadata;
import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * An instance's image metadata ({@code metadata.yaml}: {@code /1.0/instances/{name}/metadata}) and
 * its template files ({@code /1.0/instances/{name}/metadata/templates?path=...}).
 *
 * <pre>{@code
 * InstanceMetadataApi metadata = client.instanceMetadata();
 * metadata.putTemplate("c1", "hostname.tpl", "{{ instance.name }}\n").block();
 * ETagged<ImageMetadata> current = metadata.getWithEtag("c1").block();
 * metadata.update("c1", current.value().withTemplate("/etc/hostname",
 *         ImageMetadataTemplate.of("hostname.tpl", "create", "copy")), current.etag()).block();
 * }</pre>
 *
 * <p>This is what {@code incus config metadata} and {@code incus config template} edit; it matters
 * when the instance is published as an image or copied.
 */
public final class InstanceMetadataApi {

    private static final String METADATA = "/1.0/instances/{name}/metadata";
    private static final String TEMPLATES = METADATA + "/templates";
    private static final JavaType STRINGS = Calls.listOf(String.class);

    private final Calls calls;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    InstanceMetadataApi(Calls calls) {
        this.calls = calls;
    }

    /**
     * Reads the instance's image metadata.
     *
     * @param instance the instance name
     * @return the metadata
     */
    public Mono<ImageMetadata> get(String instance) {
        return getWithEtag(instance).map(ETagged::value);
    }

    /**
     * Reads the instance's image metadata with its ETag, for a later {@link #update}.
     *
     * @param instance the instance name
     * @return the metadata and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/metadata")
    public Mono<ETagged<ImageMetadata>> getWithEtag(String instance) {
        return calls.tagged(metadata(HttpMethod.GET, instance).build(), ImageMetadata.class);
    }

    /**
     * Replaces the instance's image metadata.
     *
     * @param instance the instance name
     * @param metadata the new metadata, typically a read one changed with its {@code with...} methods
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}; it is sent as {@code If-Match},
     *     but incusd (6.x) does not check it on this endpoint, so a concurrent change is overwritten
     * @return completes when written
     */
    @Endpoint(method = "PUT", path = "/1.0/instances/{name}/metadata")
    public Mono<Void> update(String instance, ImageMetadata metadata, @Nullable String etag) {
        Names.required("metadata", metadata);
        return calls.run(metadata(HttpMethod.PUT, instance).json(metadata).ifMatch(etag).build());
    }

    /**
     * Changes only the given fields of the instance's image metadata; {@code properties} and
     * {@code templates} given are merged into the existing ones.
     *
     * @param instance the instance name
     * @param changes the fields to change, as JSON-shaped values such as
     *     {@code Map.of("properties", Map.of("description", "web server"))}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when written
     */
    @Endpoint(method = "PATCH", path = "/1.0/instances/{name}/metadata")
    public Mono<Void> patch(String instance, Object changes, @Nullable String etag) {
        Names.required("changes", changes);
        return calls.run(metadata(HttpMethod.PATCH, instance).json(changes).ifMatch(etag).build());
    }

    /**
     * Lists the names of the instance's template files.
     *
     * @param instance the instance name
     * @return the file names
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/metadata/templates")
    public Mono<List<String>> listTemplates(String instance) {
        return calls.list(IncusRequest.get(TEMPLATES).path("name", "instance", instance).build(), STRINGS);
    }

    /**
     * Reads a template file.
     *
     * @param instance the instance name
     * @param template the file name, as listed
     * @return its content as UTF-8 text; {@link io.github.incus4j.client.exception.IncusNotFoundException} if
     *     there is none
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/metadata/templates")
    public Mono<String> readTemplate(String instance, String template) {
        IncusRequest request = template(HttpMethod.GET, instance, template).build();
        return calls.http().exchangeRaw(request, response -> response.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0]).map(bytes -> new String(bytes, StandardCharsets.UTF_8)));
    }

    /**
     * Creates or replaces a template file. Refer to it from the {@code templates} of the metadata
     * ({@link ImageMetadata#withTemplate}) to have it rendered.
     *
     * @param instance the instance name
     * @param template the file name (no {@code /})
     * @param content the template text (pongo2 syntax), written as UTF-8
     * @return completes when written
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/metadata/templates")
    public Mono<Void> putTemplate(String instance, String template, String content) {
        Names.required("content", content);
        return calls.run(template(HttpMethod.POST, instance, template)
                .body(new IncusRequest.Body(BodyInserters.fromValue(content.getBytes(StandardCharsets.UTF_8)),
                        MediaType.APPLICATION_OCTET_STREAM))
                .build());
    }

    /**
     * Deletes a template file.
     *
     * @param instance the instance name
     * @param template the file name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/metadata/templates")
    public Mono<Void> deleteTemplate(String instance, String template) {
        return calls.run(template(HttpMethod.DELETE, instance, template).build());
    }

    private static IncusRequest.Builder metadata(HttpMethod method, String instance) {
        return IncusRequest.of(method, METADATA).path("name", "instance", instance);
    }

    private static IncusRequest.Builder template(HttpMethod method, String instance, String template) {
        if (template == null || template.isEmpty() || template.contains("/")) {
            throw new IllegalArgumentException("template must be a file name without '/', got '" + template + "'");
        }
        return IncusRequest.of(method, TEMPLATES).path("name", "instance", instance).query("path", template);
    }
}
