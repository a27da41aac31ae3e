package io.github.incus4j.client.internal.protocol;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * One request to the daemon, described before it is sent.
 *
 * <p>The path is a URI template ({@code /1.0/instances/{name}}) with its variables kept apart, and
 * the query parameters are appended to the template as variables too. That gives two things at
 * once: every value is percent-encoded as one path segment or one query value (a name with
 * {@code /}, {@code ?}, {@code #} or spaces can never reach another endpoint), and metrics see the
 * low-cardinality template, never the concrete name.
 */
public final class IncusRequest {

    private final HttpMethod method;
    private final String pathTemplate;
    private final Map<String, Object> pathVariables;
    private final Map<String, @Nullable String> query;
    private final @Nullable Body body;
    private final Map<String, String> headers;
    private final @Nullable String ifMatch;
    private final @Nullable Duration responseTimeout;
    private final boolean projectScoped;

    private IncusRequest(Builder builder) {
        this.method = builder.method;
        this.pathTemplate = builder.pathTemplate;
        this.pathVariables = Collections.unmodifiableMap(new LinkedHashMap<>(builder.pathVariables));
        this.query = Collections.unmodifiableMap(new LinkedHashMap<>(builder.query));
        this.body = builder.body;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        this.ifMatch = builder.ifMatch;
        this.responseTimeout = builder.responseTimeout;
        this.projectScoped = builder.projectScoped;
    }

    /**
     * Starts a GET request.
     *
     * @param pathTemplate the path template, such as {@code /1.0/instances/{name}}
     * @return a builder
     */
    public static Builder get(String pathTemplate) {
        return new Builder(HttpMethod.GET, pathTemplate);
    }

    /**
     * Starts a request with any method.
     *
     * @param method the HTTP method
     * @param pathTemplate the path template
     * @return a builder
     */
    public static Builder of(HttpMethod method, String pathTemplate) {
        return new Builder(method, pathTemplate);
    }

    /**
     * Returns the HTTP method.
     *
     * @return the method
     */
    public HttpMethod method() {
        return method;
    }

    /**
     * Returns the path template without the query.
     *
     * @return the template, such as {@code /1.0/instances/{name}}
     */
    public String pathTemplate() {
        return pathTemplate;
    }

    /**
     * Returns the values of the path template's variables.
     *
     * @return the variables by name
     */
    public Map<String, Object> pathVariables() {
        return pathVariables;
    }

    /**
     * Returns the query parameters; a {@code null} value is a flag without a value ({@code ?public}).
     *
     * @return the parameters in order
     */
    public Map<String, @Nullable String> query() {
        return query;
    }

    /**
     * Returns the body, if any.
     *
     * @return the body or {@code null}
     */
    public @Nullable Body body() {
        return body;
    }

    /**
     * Returns extra headers.
     *
     * @return the headers by name
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * Returns the ETag to send as {@code If-Match}.
     *
     * @return the ETag or {@code null}
     */
    public @Nullable String ifMatch() {
        return ifMatch;
    }

    /**
     * Returns a response timeout for this request alone, overriding the client's.
     *
     * @return the timeout or {@code null}
     */
    public @Nullable Duration responseTimeout() {
        return responseTimeout;
    }

    /**
     * Tells whether the client's project and target are added to this request.
     *
     * @return {@code false} for requests that must not carry them
     */
    public boolean projectScoped() {
        return projectScoped;
    }

    /**
     * Describes the request for messages: method and path with its variables filled in, no query.
     *
     * @return for example {@code GET /1.0/instances/c1}
     */
    public String describe() {
        String path = pathTemplate;
        for (Map.Entry<String, Object> variable : pathVariables.entrySet()) {
            path = path.replace("{" + variable.getKey() + "}", String.valueOf(variable.getValue()));
        }
        return method.name() + " " + path;
    }

    /**
     * A request body and its content type.
     *
     * @param inserter writes the body
     * @param contentType its media type
     * @param bytes the body's bytes when it is held in memory (JSON bodies), for requests sent
     *     without WebClient ({@link IncusHttp#upgrade}); {@code null} for streamed bodies
     */
    public record Body(BodyInserter<?, ? super ClientHttpRequest> inserter, MediaType contentType,
            byte @Nullable [] bytes) {

        /**
         * A body written by an inserter.
         *
         * @param inserter writes the body
         * @param contentType its media type
         */
        public Body(BodyInserter<?, ? super ClientHttpRequest> inserter, MediaType contentType) {
            this(inserter, contentType, null);
        }

        /**
         * A JSON body written with the client's own mapper.
         *
         * @param value the object to write
         * @return the body
         */
        public static Body json(Object value) {
            byte[] bytes = IncusJson.mapper().writeValueAsBytes(value);
            return new Body(BodyInserters.fromValue(bytes), MediaType.APPLICATION_JSON, bytes);
        }
    }

    /** Builds an {@link IncusRequest}. */
    public static final class Builder {
        private static final Pattern QUERY_NAME = Pattern.compile("[A-Za-z0-9._-]+");

        private final HttpMethod method;
        private final String pathTemplate;
        private final Map<String, Object> pathVariables = new LinkedHashMap<>();
        private final Map<String, @Nullable String> query = new LinkedHashMap<>();
        private @Nullable Body body;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable String ifMatch;
        private @Nullable Duration responseTimeout;
        private boolean projectScoped = true;

        private Builder(HttpMethod method, String pathTemplate) {
            this.method = method;
            this.pathTemplate = pathTemplate;
        }

        /**
         * Returns an independent copy, for a request completed anew on each subscription (such as
         * an upload whose {@code Content-Length} is read then) without changing a builder that
         * another subscription may be reading.
         *
         * @return the copy
         */
        public Builder copy() {
            Builder copy = new Builder(method, pathTemplate);
            copy.pathVariables.putAll(pathVariables);
            copy.query.putAll(query);
            copy.body = body;
            copy.headers.putAll(headers);
            copy.ifMatch = ifMatch;
            copy.responseTimeout = responseTimeout;
            copy.projectScoped = projectScoped;
            return copy;
        }

        /**
         * Sets a path variable after checking it with {@link Names#segment}.
         *
         * @param variable the template variable, such as {@code name}
         * @param argument the caller's argument name, for messages
         * @param value the value
         * @return this builder
         */
        public Builder path(String variable, String argument, @Nullable String value) {
            pathVariables.put(variable, Names.segment(argument, value));
            return this;
        }

        /**
         * Adds a query parameter.
         *
         * @param name the parameter name: letters, digits, {@code -}, {@code _} and {@code .} only
         *     (it is sent as it is; only values are percent-encoded)
         * @param value its value; {@code null} adds a flag without value
         * @return this builder
         * @throws IllegalArgumentException if the name has other characters
         */
        public Builder query(String name, @Nullable String value) {
            if (name == null || !QUERY_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("query parameter name must be letters, digits, '-', '_' or '.', "
                        + "got '" + name + "'");
            }
            query.put(name, value);
            return this;
        }

        /**
         * Sets a JSON body.
         *
         * @param value the object to write as JSON
         * @return this builder
         */
        public Builder json(Object value) {
            this.body = Body.json(value);
            return this;
        }

        /**
         * Sets any body.
         *
         * @param value the body
         * @return this builder
         */
        public Builder body(Body value) {
            this.body = value;
            return this;
        }

        /**
         * Adds a header.
         *
         * @param name the header name
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /**
         * Sends {@code If-Match} with this ETag, unless it is null or empty.
         *
         * @param etag the ETag from an earlier read
         * @return this builder
         */
        public Builder ifMatch(@Nullable String etag) {
            this.ifMatch = etag == null || etag.isEmpty() ? null : etag;
            return this;
        }

        /**
         * Overrides the response timeout for this request.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = timeout;
            return this;
        }

        /**
         * Keeps the client's project and target off this request.
         *
         * @return this builder
         */
        public Builder unscoped() {
            this.projectScoped = false;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public IncusRequest build() {
            return new IncusRequest(this);
        }
    }
}
