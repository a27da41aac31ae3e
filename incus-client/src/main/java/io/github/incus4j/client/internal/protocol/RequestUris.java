package io.github.incus4j.client.internal.protocol;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriUtils;

/**
 * Expands a request's URI template into the URI sent. Every variable's value is percent-encoded
 * strictly (everything but RFC 3986's unreserved characters), so that a value is exactly one path
 * segment or one query value, as WebClient's {@code TEMPLATE_AND_VALUES} mode would encode it. It
 * is done here rather than by WebClient's URI builder, which parses the template anew for every
 * request: a measurable share of the client's own time per call (docs/BENCHMARKS.md, B1).
 */
final class RequestUris {

    private RequestUris() {
    }

    /**
     * Expands a template.
     *
     * @param base {@code https://host:port} for a remote daemon, {@code null} for the Unix socket
     *     (whose requests Reactor Netty needs relative)
     * @param template a path and query template with {@code {name}} variables; its literal parts
     *     are ASCII and need no encoding
     * @param variables the values of the variables
     * @return the URI
     * @throws IllegalArgumentException if the template names a variable without a value
     */
    static URI expand(@Nullable URI base, String template, Map<String, Object> variables) {
        StringBuilder uri = new StringBuilder(template.length() + 32);
        if (base != null) {
            uri.append(base);
        }
        int from = 0;
        for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', from)) {
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed variable in URI template " + template);
            }
            String name = template.substring(open + 1, close);
            Object value = variables.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + name + "} in URI template " + template);
            }
            uri.append(template, from, open).append(UriUtils.encode(value.toString(), StandardCharsets.UTF_8));
            from = close + 1;
        }
        uri.append(template, from, template.length());
        return URI.create(uri.toString());
    }
}
