package io.github.incus4j.test.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How the stand-in answers one method and path, from {@link IncusStandIn#get}, {@code post},
 * {@code put}, {@code patch} or {@code delete}: narrow it with {@link #query} and {@link #etag}, then
 * end with {@link #returns}, {@link #returnsNothing}, {@link #fails} or {@link #startsOperation}.
 * Stubbing the same request again replaces the earlier answer (the newest stub wins).
 */
public final class StandInStub {

    private final RequestMethod method;
    private final String path;
    private final Map<String, String> queries = new LinkedHashMap<>();
    private final StandInResponses responses;
    private final Consumer<MappingBuilder> register;
    private @Nullable String etag;

    StandInStub(RequestMethod method, String path, StandInResponses responses, Consumer<MappingBuilder> register) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /, such as /1.0/instances/web1, got " + path);
        }
        this.method = method;
        this.path = path;
        this.responses = responses;
        this.register = register;
    }

    /**
     * Answers only requests with this query parameter, such as {@code recursion=1} or
     * {@code project=web}; requests without it find other stubs.
     *
     * @param name the parameter
     * @param value its value
     * @return this stub
     */
    public StandInStub query(String name, String value) {
        queries.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Gives the object an ETag, as Incus does for objects that can be updated. A {@code GET} answers
     * it in the {@code ETag} header; any other method refuses a request whose {@code If-Match}
     * differs with {@code 412 "ETag doesn't match: CURRENT vs SENT"}, and serves one without
     * {@code If-Match}, as Incus does.
     *
     * @param value the ETag, without quotes
     * @return this stub
     */
    public StandInStub etag(String value) {
        if (value == null || value.isBlank() || value.contains("\"")) {
            throw new IllegalArgumentException("etag must be a non-blank value without quotes, got " + value);
        }
        this.etag = value;
        return this;
    }

    /**
     * Answers {@code 200} with a sync envelope around the metadata.
     *
     * @param metadataJson the JSON the daemon would put in {@code metadata}, such as an instance object
     *     or a list of URLs
     * @throws IllegalArgumentException if it is not JSON
     */
    public void returns(String metadataJson) {
        add(new StandInResponses.Answer(200, Json.check(metadataJson, "metadataJson"), null, etag));
    }

    /** Answers {@code 200} with a sync envelope and empty metadata ({@code {}}), as most plain writes do. */
    public void returnsNothing() {
        add(new StandInResponses.Answer(200, "{}", null, etag));
    }

    /**
     * Answers with an error envelope, as Incus refuses requests.
     *
     * @param status the HTTP status, which is also the {@code error_code}, such as 404, 409 or 500
     * @param message the daemon's text, such as {@code "Instance not found"}
     */
    public void fails(int status, String message) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status (400-599), got " + status);
        }
        add(new StandInResponses.Answer(status, Objects.requireNonNull(message, "message"), null, etag));
    }

    /**
     * Answers {@code 202 Accepted} with an async envelope and {@code Location}, starting a new
     * background operation for each request; see {@link StandInOperation}.
     *
     * @param operation what the operation does
     */
    public void startsOperation(StandInOperation operation) {
        add(new StandInResponses.Answer(202, "", Objects.requireNonNull(operation, "operation"), etag));
    }

    private void add(StandInResponses.Answer answer) {
        MappingBuilder mapping = WireMock.request(method.getName(), urlPathEqualTo(path));
        queries.forEach((name, value) -> mapping.withQueryParam(name, equalTo(value)));
        mapping.willReturn(aResponse().withTransformers(StandInResponses.NAME)
                .withTransformerParameter(StandInResponses.ANSWER, responses.register(answer)));
        register.accept(mapping);
    }
}
