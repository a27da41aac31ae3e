package io.github.incus4j.client.protocol;

import io.github.incus4j.client.IncusProtocolException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * A successful answer of the daemon: a {@code sync} or {@code async} envelope.
 *
 * @param httpStatus the HTTP status
 * @param type {@code sync} or {@code async}
 * @param statusCode the envelope's status code
 * @param operation the operation URL of an async answer, empty otherwise
 * @param metadata the envelope's metadata ({@code null} JSON becomes a null node)
 * @param etag the {@code ETag} header, or {@code null}
 * @param location the {@code Location} header, or {@code null}
 * @param request what was asked, for messages
 */
public record IncusResponse(
        int httpStatus,
        String type,
        int statusCode,
        String operation,
        JsonNode metadata,
        @Nullable String etag,
        @Nullable String location,
        String request) {

    /**
     * Tells whether the daemon started a background operation.
     *
     * @return {@code true} for an async envelope
     */
    public boolean isAsync() {
        return "async".equals(type);
    }

    /**
     * Reads the metadata as a Java type.
     *
     * @param target the type to read
     * @param <T> the type
     * @return the metadata as that type
     * @throws IncusProtocolException if the metadata does not have the expected shape
     */
    public <T> T metadataAs(Class<T> target) {
        return metadataAs(IncusJson.mapper().constructType(target));
    }

    /**
     * Reads the metadata as a generic Java type.
     *
     * @param target the type to read, such as a list of records
     * @param <T> the type
     * @return the metadata as that type
     * @throws IncusProtocolException if the metadata does not have the expected shape
     */
    public <T> T metadataAs(JavaType target) {
        return convert(metadata, target);
    }

    /**
     * Reads a part of the metadata as a Java type, with the same error reporting as
     * {@link #metadataAs(JavaType)}.
     *
     * @param node a node of this response's metadata
     * @param target the type to read
     * @param <T> the type
     * @return the node as that type
     * @throws IncusProtocolException if the node does not have the expected shape
     */
    public <T> T convert(JsonNode node, JavaType target) {
        try {
            return IncusJson.mapper().treeToValue(node, target);
        } catch (JacksonException e) {
            throw new IncusProtocolException(httpStatus, request + ": the response metadata does not have the "
                    + "expected shape (" + target.getTypeName() + "): " + e.getOriginalMessage(), e);
        }
    }
}
