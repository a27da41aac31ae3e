package io.github.incus4j.client.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The form in which Incus hands out its one-time tokens (cluster join tokens, trust tokens): base64
 * of the token's JSON, and the metadata of the operation that holds it. Shared by the token records
 * so that both read, write and refuse tokens alike, and never quote a token in a message: it holds
 * a secret.
 */
final class EncodedTokens {

    private EncodedTokens() {
    }

    /** Base64 of the token's JSON, as the {@code incus} command line prints it. */
    static String encode(Object token) {
        return Base64.getEncoder().encodeToString(JsonMapper.shared().writeValueAsBytes(token));
    }

    /**
     * Reads a token string.
     *
     * @param expected what was expected, for the message, such as {@code "a cluster join token (base64 of
     *     JSON with server_name, fingerprint, addresses, secret)"}
     * @throws IllegalArgumentException naming the expected form and the kind of failure, never a part
     *     of the token, neither in its message nor in a cause (a JSON parser's message quotes the input)
     */
    static <T> T decode(String token, Class<T> type, String expected) {
        byte[] json;
        try {
            json = Base64.getDecoder().decode(token.trim());
        } catch (IllegalArgumentException notBase64) {
            // The decoder's message names one offending character at most.
            throw new IllegalArgumentException("not " + expected + ": not base64", notBase64);
        }
        try {
            return JsonMapper.shared().readValue(new String(json, StandardCharsets.UTF_8), type);
        } catch (JacksonException notJson) {
            // Not kept as the cause: the parser's message quotes the input, the secret among it,
            // and a logged stack trace would print it.
            throw new IllegalArgumentException("not " + expected + ": " + notJson.getClass().getSimpleName());
        }
    }

    /** The {@code addresses} of a token operation's metadata, or none. */
    static List<String> addresses(Map<String, Object> metadata) {
        return metadata.get("addresses") instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of();
    }

    /** A token operation's expiry; Incus writes the zero time ({@code 0001-...}) for none. */
    static @Nullable Instant expiresAt(@Nullable Object expiry) {
        return expiry instanceof String text && !text.isEmpty() && !text.startsWith("0001-") ? Instant.parse(text)
                : null;
    }
}
