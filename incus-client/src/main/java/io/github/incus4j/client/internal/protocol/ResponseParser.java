package io.github.incus4j.client.internal.protocol;

import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusProtocolException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;

/**
 * Reads the Incus response envelope and decides, from its {@code type} rather than from the HTTP
 * status alone, whether the request succeeded: {@code /wait} answers 200 even when the operation
 * failed, and error envelopes carry their own {@code error_code}.
 *
 * <p>The envelope is read with a streaming parser. Its metadata is read in the same pass into the
 * type the caller names, or else only located, for the caller to read later straight into the
 * type it wants ({@link IncusResponse#metadataAs}).
 */
public final class ResponseParser {

    /** Reads a value where the parser stands; what follows is the rest of the envelope, not trailing data. */
    private static final ObjectReader IN_PLACE = IncusJson.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** How much of a malformed body goes into an error message. */
    static final int EXCERPT_LIMIT = 200;

    private ResponseParser() {
    }

    /**
     * Parses a complete response body.
     *
     * @param request the request, for messages
     * @param httpStatus the HTTP status
     * @param reasonPhrase the HTTP reason phrase, for messages
     * @param body the body bytes, possibly empty
     * @param etag the {@code ETag} header or {@code null}
     * @param location the {@code Location} header or {@code null}
     * @return the successful response
     * @throws IncusApiException for an error envelope (or an error status without envelope type)
     * @throws IncusProtocolException if the body is not an Incus envelope
     */
    public static IncusResponse parse(IncusRequest request, int httpStatus, String reasonPhrase, byte[] body,
            @Nullable String etag, @Nullable String location) {
        return parse(request, httpStatus, reasonPhrase, body, etag, location, null);
    }

    /**
     * Parses a complete response body, reading the metadata as the given type in the same pass
     * when the envelope says it succeeded before its metadata comes (as incusd writes it: its
     * {@code type} first); otherwise the metadata is only located, as without a type.
     *
     * @param request the request, for messages
     * @param httpStatus the HTTP status
     * @param reasonPhrase the HTTP reason phrase, for messages
     * @param body the body bytes, possibly empty
     * @param etag the {@code ETag} header or {@code null}
     * @param location the {@code Location} header or {@code null}
     * @param metadataType the type to read the metadata as, or {@code null}
     * @return the successful response
     * @throws IncusApiException for an error envelope (or an error status without envelope type)
     * @throws IncusProtocolException if the body is not an Incus envelope, or its metadata does
     *     not have the shape of the type
     */
    public static IncusResponse parse(IncusRequest request, int httpStatus, String reasonPhrase, byte[] body,
            @Nullable String etag, @Nullable String location, @Nullable JavaType metadataType) {
        Envelope envelope = scan(request, httpStatus, reasonPhrase, body, metadataType);
        String type = envelope.type;
        if (type.equals("error") || (httpStatus >= 400 && !type.equals("sync") && !type.equals("async"))) {
            throw error(request, httpStatus, envelope);
        }
        if (!type.equals("sync") && !type.equals("async")) {
            throw new IncusProtocolException(httpStatus, request.describe() + ": the response has no Incus envelope "
                    + "type (HTTP " + httpStatus + " " + reasonPhrase + "): " + excerpt(body), null);
        }
        return new IncusResponse(httpStatus, type, envelope.statusCode, envelope.operation, body,
                envelope.metadataOffset, envelope.metadataLength, envelope.metadataKind, etag, location,
                request.describe(), envelope.decodedType, envelope.decoded);
    }

    /**
     * Turns an error answer into its exception, for callers that read raw (non-JSON) bodies on
     * success but must still report errors the Incus way.
     *
     * @param request the request
     * @param httpStatus the HTTP status (400 or more)
     * @param reasonPhrase the reason phrase
     * @param body the body bytes
     * @return the exception to raise
     */
    public static RuntimeException errorOf(IncusRequest request, int httpStatus, String reasonPhrase, byte[] body) {
        try {
            return error(request, httpStatus, scan(request, httpStatus, reasonPhrase, body, null));
        } catch (IncusProtocolException notJson) {
            return notJson;
        }
    }

    private static IncusApiException error(IncusRequest request, int httpStatus, Envelope envelope) {
        int errorCode = envelope.errorCode;
        // An error envelope with HTTP 200 can only come from a proxy or an odd endpoint; its
        // error_code then says more than the HTTP status.
        int status = httpStatus >= 400 ? httpStatus : (errorCode >= 400 ? errorCode : 500);
        String described = request.describe();
        int space = described.indexOf(' ');
        return IncusApiException.of(status, errorCode, envelope.error, described.substring(0, space),
                described.substring(space + 1));
    }

    /** The envelope's fields, and the metadata: located, and read when a type was asked for. */
    private static final class Envelope {
        String type = "";
        int statusCode;
        String operation = "";
        int errorCode;
        String error = "";
        int metadataOffset;
        int metadataLength;
        IncusResponse.MetadataKind metadataKind = IncusResponse.MetadataKind.NULL;
        @Nullable JavaType decodedType;
        @Nullable Object decoded;

        boolean succeeded() {
            return type.equals("sync") || type.equals("async");
        }
    }

    /**
     * Reads the envelope's fields with a streaming parser in one pass over the body, skipping
     * over the metadata but noting where it lies. Every byte is still checked to be JSON, so a
     * truncated or malformed body fails here, as a whole-body parse would.
     */
    private static Envelope scan(IncusRequest request, int httpStatus, String reasonPhrase, byte[] body,
            @Nullable JavaType metadataType) {
        if (body.length == 0) {
            throw new IncusProtocolException(httpStatus, request.describe() + ": empty response body (HTTP "
                    + httpStatus + " " + reasonPhrase + ")", null);
        }
        Envelope envelope = new Envelope();
        try (JsonParser parser = IncusJson.mapper().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IncusProtocolException(httpStatus, request.describe() + ": the response is not a JSON "
                        + "object (HTTP " + httpStatus + " " + reasonPhrase + "): " + excerpt(body), null);
            }
            for (String field = parser.nextName(); field != null; field = parser.nextName()) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "type" -> envelope.type = text(parser, value);
                    case "status_code" -> envelope.statusCode = number(parser, value);
                    case "operation" -> envelope.operation = text(parser, value);
                    case "error_code" -> envelope.errorCode = number(parser, value);
                    case "error" -> envelope.error = text(parser, value);
                    case "metadata" -> {
                        if (metadataType != null && envelope.succeeded() && value != JsonToken.VALUE_NULL) {
                            readMetadata(request, httpStatus, parser, value, metadataType, envelope);
                        } else {
                            locateMetadata(parser, value, envelope);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new IncusProtocolException(httpStatus, request.describe() + ": the response has data after its "
                        + "JSON object (HTTP " + httpStatus + " " + reasonPhrase + "): " + excerpt(body), null);
            }
            return envelope;
        } catch (JacksonException e) {
            throw new IncusProtocolException(httpStatus, request.describe() + ": the response is not valid JSON "
                    + "(HTTP " + httpStatus + " " + reasonPhrase + ", " + body.length + " bytes): " + excerpt(body),
                    e);
        }
    }

    /** Reads the metadata as the type in the envelope's pass, noting where it lies all the same. */
    private static void readMetadata(IncusRequest request, int httpStatus, JsonParser parser, JsonToken value,
            JavaType metadataType, Envelope envelope) {
        long start = parser.currentTokenLocation().getByteOffset();
        envelope.metadataKind = kind(value);
        try {
            envelope.decoded = IN_PLACE.forType(metadataType).readValue(parser);
        } catch (DatabindException e) {
            throw new IncusProtocolException(httpStatus, request.describe() + ": the response metadata does not "
                    + "have the expected shape (" + metadataType.getTypeName() + "): " + e.getOriginalMessage(), e);
        }
        envelope.decodedType = metadataType;
        envelope.metadataOffset = (int) start;
        envelope.metadataLength = (int) (parser.currentLocation().getByteOffset() - start);
    }

    private static IncusResponse.MetadataKind kind(JsonToken value) {
        return switch (value) {
            case VALUE_NULL -> IncusResponse.MetadataKind.NULL;
            case START_OBJECT -> IncusResponse.MetadataKind.OBJECT;
            case START_ARRAY -> IncusResponse.MetadataKind.ARRAY;
            default -> IncusResponse.MetadataKind.SCALAR;
        };
    }

    private static void locateMetadata(JsonParser parser, JsonToken value, Envelope envelope) {
        long start = parser.currentTokenLocation().getByteOffset();
        envelope.metadataKind = kind(value);
        parser.skipChildren();
        // For a string, the parser stops after its opening quote until the value is read.
        if (value == JsonToken.VALUE_STRING) {
            parser.getString();
        }
        long end = parser.currentLocation().getByteOffset();
        envelope.metadataOffset = (int) start;
        envelope.metadataLength = (int) (end - start);
    }

    /** A string field; another type is tolerated as its text, {@code null} as empty. */
    private static String text(JsonParser parser, JsonToken value) {
        if (value.isStructStart()) {
            parser.skipChildren();
            return "";
        }
        return value == JsonToken.VALUE_NULL ? "" : parser.getString();
    }

    /** A number field; anything else counts as 0, as a tree's {@code asInt(0)} did. */
    private static int number(JsonParser parser, JsonToken value) {
        if (value.isStructStart()) {
            parser.skipChildren();
            return 0;
        }
        return value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
    }

    static String excerpt(byte[] body) {
        int length = Math.min(body.length, EXCERPT_LIMIT);
        String text = new String(body, 0, length, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return "\"" + text + (body.length > EXCERPT_LIMIT ? "...\" (" + body.length + " bytes in all)" : "\"");
    }
}
