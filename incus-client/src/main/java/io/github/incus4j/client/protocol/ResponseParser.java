package io.github.incus4j.client.protocol;

import io.github.incus4j.client.IncusApiException;
import io.github.incus4j.client.IncusProtocolException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Reads the Incus response envelope and decides, from its {@code type} rather than from the HTTP
 * status alone, whether the request succeeded: {@code /wait} answers 200 even when the operation
 * failed, and error envelopes carry their own {@code error_code}.
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
        JsonNode envelope = readEnvelope(request, httpStatus, reasonPhrase, body);
        String type = envelope.path("type").asString("");
        if (type.equals("error") || (httpStatus >= 400 && !type.equals("sync") && !type.equals("async"))) {
            throw error(request, httpStatus, envelope);
        }
        if (!type.equals("sync") && !type.equals("async")) {
            throw new IncusProtocolException(httpStatus, request.describe() + ": the response has no Incus envelope "
                    + "type (HTTP " + httpStatus + " " + reasonPhrase + "): " + excerpt(body), null);
        }
        JsonNode metadata = envelope.has("metadata") ? envelope.get("metadata") : NullNode.getInstance();
        return new IncusResponse(httpStatus, type, envelope.path("status_code").asInt(0),
                envelope.path("operation").asString(""), metadata, etag, location, request.describe());
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
            return error(request, httpStatus, readEnvelope(request, httpStatus, reasonPhrase, body));
        } catch (IncusProtocolException notJson) {
            return notJson;
        }
    }

    private static IncusApiException error(IncusRequest request, int httpStatus, JsonNode envelope) {
        int errorCode = envelope.path("error_code").asInt(0);
        // An error envelope with HTTP 200 can only come from a proxy or an odd endpoint; its
        // error_code then says more than the HTTP status.
        int status = httpStatus >= 400 ? httpStatus : (errorCode >= 400 ? errorCode : 500);
        String message = envelope.path("error").asString("");
        String described = request.describe();
        int space = described.indexOf(' ');
        return IncusApiException.of(status, errorCode, message, described.substring(0, space),
                described.substring(space + 1));
    }

    private static JsonNode readEnvelope(IncusRequest request, int httpStatus, String reasonPhrase, byte[] body) {
        if (body.length == 0) {
            throw new IncusProtocolException(httpStatus, request.describe() + ": empty response body (HTTP "
                    + httpStatus + " " + reasonPhrase + ")", null);
        }
        try {
            JsonNode node = IncusJson.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw new IncusProtocolException(httpStatus, request.describe() + ": the response is not a JSON "
                        + "object (HTTP " + httpStatus + " " + reasonPhrase + "): " + excerpt(body), null);
            }
            return node;
        } catch (JacksonException e) {
            throw new IncusProtocolException(httpStatus, request.describe() + ": the response is not valid JSON "
                    + "(HTTP " + httpStatus + " " + reasonPhrase + ", " + body.length + " bytes): " + excerpt(body),
                    e);
        }
    }

    static String excerpt(byte[] body) {
        int length = Math.min(body.length, EXCERPT_LIMIT);
        String text = new String(body, 0, length, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return "\"" + text + (body.length > EXCERPT_LIMIT ? "...\" (" + body.length + " bytes in all)" : "\"");
    }
}
