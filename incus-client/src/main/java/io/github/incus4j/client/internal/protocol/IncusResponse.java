package io.github.incus4j.client.internal.protocol;

import io.github.incus4j.client.exception.IncusProtocolException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * A successful answer of the daemon: a {@code sync} or {@code async} envelope.
 *
 * <p>The metadata stays in the response's bytes until it is asked for, and is then read straight
 * into the type asked for ({@link #metadataAs}). Reading it through a JSON tree first, as a
 * generic envelope class would, took about half of the client's decoding time and most of its
 * allocation (docs/BENCHMARKS.md, B1 and B5).
 */
public final class IncusResponse {

    private final int httpStatus;
    private final String type;
    private final int statusCode;
    private final String operation;
    private final byte[] body;
    private final int metadataOffset;
    private final int metadataLength;
    private final MetadataKind metadataKind;
    private final @Nullable String etag;
    private final @Nullable String location;
    private final String request;
    private final @Nullable JavaType decodedType;
    private final @Nullable Object decoded;
    private volatile @Nullable JsonNode tree;

    /** What the metadata is, known from its first token without reading it. */
    public enum MetadataKind {
        /** Absent or JSON {@code null}. */
        NULL,
        /** A JSON object. */
        OBJECT,
        /** A JSON array. */
        ARRAY,
        /** A string, number or boolean. */
        SCALAR
    }

    /**
     * Creates the response with its metadata already read as one type, which
     * {@link #metadataAs(JavaType)} then returns without reading the bytes again.
     *
     * @param httpStatus the HTTP status
     * @param type {@code sync} or {@code async}
     * @param statusCode the envelope's status code
     * @param operation the operation URL of an async answer, empty otherwise
     * @param body the whole body
     * @param metadataOffset where the metadata's JSON starts in the body
     * @param metadataLength how many bytes it has, 0 when the envelope has none
     * @param metadataKind what it is
     * @param etag the {@code ETag} header, or {@code null}
     * @param location the {@code Location} header, or {@code null}
     * @param request what was asked, for messages
     * @param decodedType the type the metadata was read as, or {@code null}
     * @param decoded the metadata read as that type
     */
    public IncusResponse(int httpStatus, String type, int statusCode, String operation, byte[] body,
            int metadataOffset, int metadataLength, MetadataKind metadataKind, @Nullable String etag,
            @Nullable String location, String request, @Nullable JavaType decodedType, @Nullable Object decoded) {
        this.httpStatus = httpStatus;
        this.type = type;
        this.statusCode = statusCode;
        this.operation = operation;
        this.body = body;
        this.metadataOffset = metadataOffset;
        this.metadataLength = metadataLength;
        this.metadataKind = metadataKind;
        this.etag = etag;
        this.location = location;
        this.request = request;
        this.decodedType = decodedType;
        this.decoded = decoded;
    }

    /** @return the HTTP status */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return {@code sync} or {@code async} */
    public String type() {
        return type;
    }

    /** @return the envelope's status code */
    public int statusCode() {
        return statusCode;
    }

    /** @return the operation URL of an async answer, empty otherwise */
    public String operation() {
        return operation;
    }

    /** @return the {@code ETag} header, or {@code null} */
    public @Nullable String etag() {
        return etag;
    }

    /** @return the {@code Location} header, or {@code null} */
    public @Nullable String location() {
        return location;
    }

    /** @return what was asked, such as {@code GET /1.0/instances}, for messages */
    public String request() {
        return request;
    }

    /**
     * Tells whether the daemon started a background operation.
     *
     * @return {@code true} for an async envelope
     */
    public boolean isAsync() {
        return "async".equals(type);
    }

    /**
     * Tells what the metadata is without reading it.
     *
     * @return its kind; {@link MetadataKind#NULL} when absent or {@code null}
     */
    public MetadataKind metadataKind() {
        return metadataKind;
    }

    /**
     * Returns the metadata as a JSON tree, read on the first call; prefer {@link #metadataAs},
     * which reads it straight into a type.
     *
     * @return the metadata; absent or {@code null} metadata is a null node
     * @throws IncusProtocolException if the metadata is not valid JSON
     */
    public JsonNode metadata() {
        JsonNode read = tree;
        if (read == null) {
            read = metadataKind == MetadataKind.NULL ? NullNode.getInstance()
                    : (JsonNode) read(IncusJson.mapper().constructType(JsonNode.class));
            tree = read;
        }
        return read;
    }

    /**
     * Reads the metadata as a Java type.
     *
     * @param target the type to read
     * @param <T> the type
     * @return the metadata as that type ({@code null} for null metadata)
     * @throws IncusProtocolException if the metadata does not have the expected shape
     */
    public <T> @Nullable T metadataAs(Class<T> target) {
        return metadataAs(IncusJson.mapper().constructType(target));
    }

    /**
     * Reads the metadata as a generic Java type.
     *
     * @param target the type to read, such as a list of records
     * @param <T> the type
     * @return the metadata as that type ({@code null} for null metadata)
     * @throws IncusProtocolException if the metadata does not have the expected shape
     */
    @SuppressWarnings("unchecked")
    public <T> @Nullable T metadataAs(JavaType target) {
        if (metadataKind == MetadataKind.NULL) {
            return convert(NullNode.getInstance(), target);
        }
        if (decodedType != null && decodedType.equals(target)) {
            return (T) decoded;
        }
        return (T) read(target);
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
            throw shapeError(target, e);
        }
    }

    private Object read(JavaType target) {
        try {
            return IncusJson.mapper().readValue(body, metadataOffset, metadataLength, target);
        } catch (StreamReadException e) {
            // The envelope was scanned whole before, so this cannot be a syntax error of the body
            // in practice; report it as one all the same rather than as a shape mismatch.
            throw new IncusProtocolException(httpStatus, request + ": the response metadata is not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw shapeError(target, e);
        }
    }

    private IncusProtocolException shapeError(JavaType target, JacksonException e) {
        return new IncusProtocolException(httpStatus, request + ": the response metadata does not have the "
                + "expected shape (" + target.getTypeName() + "): " + e.getOriginalMessage(), e);
    }

    @Override
    public String toString() {
        return "IncusResponse[" + request + ": HTTP " + httpStatus + ", " + type + ", status_code " + statusCode
                + (operation.isEmpty() ? "" : ", operation " + operation) + ", metadata " + metadataKind + "]";
    }
}
