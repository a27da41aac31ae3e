package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * The template files of one instance ({@code /1.0/instances/{name}/metadata/templates?path=...}),
 * reached with {@code client.instances().metadata("c1").templates()}. A template is rendered into
 * the instance when the image metadata refers to it ({@link io.github.incus4j.client.model.ImageMetadata#withTemplate}).
 */
public final class InstanceTemplatesApi {

    private static final String TEMPLATES = "/1.0/instances/{name}/metadata/templates";
    private static final JavaType STRINGS = Calls.listOf(String.class);

    private final Calls calls;
    private final String instance;

    /**
     * Creates the API of one instance's templates.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param instance the instance name, already checked
     */
    InstanceTemplatesApi(Calls calls, String instance) {
        this.calls = calls;
        this.instance = instance;
    }

    /**
     * Lists the names of the template files (the daemon lists plain names, not URLs).
     *
     * @return the file names
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/metadata/templates")
    public Mono<List<String>> listNames() {
        return calls.list(IncusRequest.get(TEMPLATES).path("name", "instance", instance).build(), STRINGS);
    }

    /**
     * Reads a template file.
     *
     * @param template the file name, as listed
     * @return its content as UTF-8 text; an {@link io.github.incus4j.client.exception.IncusNotFoundException}
     *     ("Template ... not found") if there is none
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/metadata/templates")
    public Mono<String> read(String template) {
        return Downloads.text(calls.http(), template(HttpMethod.GET, template).build(), "the template");
    }

    /**
     * Creates or replaces a template file.
     *
     * @param template the file name (no {@code /})
     * @param content the template text (pongo2 syntax), written as UTF-8
     * @return completes when written
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/metadata/templates")
    public Mono<Void> write(String template, String content) {
        Names.required("content", content);
        return calls.run(template(HttpMethod.POST, template)
                .body(new IncusRequest.Body(BodyInserters.fromValue(content.getBytes(StandardCharsets.UTF_8)),
                        MediaType.APPLICATION_OCTET_STREAM))
                .build());
    }

    /**
     * Deletes a template file.
     *
     * @param template the file name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/metadata/templates")
    public Mono<Void> delete(String template) {
        return calls.run(template(HttpMethod.DELETE, template).build());
    }

    private IncusRequest.Builder template(HttpMethod method, String template) {
        if (template == null || template.isEmpty() || template.contains("/")) {
            throw new IllegalArgumentException("template must be a file name without '/', got '" + template + "'");
        }
        return IncusRequest.of(method, TEMPLATES).path("name", "instance", instance).query("path", template);
    }
}
