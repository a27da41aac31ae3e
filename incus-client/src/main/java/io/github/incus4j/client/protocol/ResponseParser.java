package io.github.incus4j.client.protocol;

import io.github.incus4j.client.IncusApiException;
import io.github.incus4j.client.IncusProtocolException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the Incus response envelope and decides, from its {@code type} rather than from the HTTP
 * status alone, whether the request succeeded: {@code /wait} answers 200 even when the operation
 * failed, and error envelopes carry their own {@code error_code}.
 *
 * <p>The envelope is read with a streaming parser, and its metadata is only located: the caller
 * reads it straight into the type it wants ({@link IncusResponse#metadataAs}).
 */
public final class ResponseParser {

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
        Envelope envelope = scan(request, httpStatus, reasonPhrase, body);
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
                request.describe());
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
            return error(request, httpStatus, scan(request, httpStatus, reasonPhrase, body));
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

    /** The envelope's fields; the metadata is only located, not read (see {@link IncusResponse}). */
    private static final class Envelope {
        String type = "";
        int statusCode;
        String operation = "";
        int errorCode;
        String error = "";
        int metadataOffset;
        int metadataLength;
        IncusResponse.MetadataKind metadataKind = IncusResponse.MetadataKind.NULL;
    }

    /**
     * Reads the envelope's fields with a streaming parser in one pass over the body, skipping
     * over the metadata but noting where it lies. Every byte is still checked to be JSON, so a
     * truncated or malformed body fails here, as a whole-body parse would.
     */
    private static Envelope scan(IncusRequest request, int httpStatus, String reasonPhrase, byte[] body) {
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
                    case "metadata" -> locateMetadata(parser, value, envelope);
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

    private static void locateMetadata(JsonParser parser, JsonToken value, Envelope envelope) {
        long start = parser.currentTokenLocation().getByteOffset();
        envelope.metadataKind = switch (value) {
            case VALUE_NULL -> IncusResponse.MetadataKind.NULL;
            case START_OBJECT -> IncusResponse.MetadataKind.OBJECT;
            case START_ARRAY -> IncusResponse.MetadataKind.ARRAY;
            default -> IncusResponse.MetadataKind.SCALAR;
        };
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
