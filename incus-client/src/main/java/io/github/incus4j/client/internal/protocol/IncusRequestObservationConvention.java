package io.github.incus4j.client.internal.protocol;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.regex.Pattern;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;

/**
 * Names and tags the observations of the client's HTTP exchanges: Spring's HTTP client
 * conventions under the name {@value #NAME}, plus the client's name and the kind of request.
 *
 * <p>A name of its own rather than Spring Boot's {@code http.client.requests}: Prometheus needs
 * every meter of one name to carry the same tag keys, and the application's other HTTP clients
 * record {@code http.client.requests} without {@value IncusObservations#CLIENT_TAG} and
 * {@value #REQUEST_TAG}; sharing the name would lose one side's meters there.
 *
 * <p>The {@code uri} tag is the path template without its query ({@code /1.0/instances/{name}}),
 * whichever of {@code project}, {@code target} or {@code recursion} a request carries; the
 * {@code http.url} of traces has the values of {@code secret} parameters (image and operation
 * secrets) masked.
 */
final class IncusRequestObservationConvention extends DefaultClientRequestObservationConvention {

    /** The observation name, and so the timer's. */
    static final String NAME = "incus.client.requests";
    /** What kind of request: {@value #CALL} or {@value #OPERATION_WAIT}. */
    static final String REQUEST_TAG = "incus.request";
    /** An ordinary call, answered as soon as the daemon has done its part. */
    static final String CALL = "call";
    /**
     * A long poll on {@code /1.0/operations/{id}/wait}, which the daemon holds open until the
     * operation ends or the poll's own timeout passes: tagged apart so that it does not skew the
     * latency of calls.
     */
    static final String OPERATION_WAIT = "operation-wait";

    private static final String OPERATION_WAIT_TEMPLATE = "/1.0/operations/{id}/wait";
    private static final Pattern SECRET_VALUE = Pattern.compile("([?&]secret=)[^&#]*");

    private final KeyValue client;

    /**
     * Creates the convention of one client.
     *
     * @param client the client's name, a low-cardinality tag value
     */
    IncusRequestObservationConvention(String client) {
        super(NAME);
        this.client = KeyValue.of(IncusObservations.CLIENT_TAG, client);
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ClientRequestObservationContext context) {
        String template = context.getUriTemplate();
        boolean operationWait = template != null && template.startsWith(OPERATION_WAIT_TEMPLATE)
                && (template.length() == OPERATION_WAIT_TEMPLATE.length()
                        || template.charAt(OPERATION_WAIT_TEMPLATE.length()) == '?');
        return super.getLowCardinalityKeyValues(context)
                .and(client, KeyValue.of(REQUEST_TAG, operationWait ? OPERATION_WAIT : CALL));
    }

    @Override
    protected KeyValue uri(ClientRequestObservationContext context) {
        KeyValue uri = super.uri(context);
        int query = uri.getValue().indexOf('?');
        return query < 0 ? uri : KeyValue.of(uri.getKey(), uri.getValue().substring(0, query));
    }

    @Override
    protected KeyValue httpUrl(ClientRequestObservationContext context) {
        ClientRequest request = context.getRequest();
        if (request == null) {
            return super.httpUrl(context);
        }
        String url = request.url().toASCIIString();
        return KeyValue.of(super.httpUrl(context).getKey(), SECRET_VALUE.matcher(url).replaceAll("$1[masked]"));
    }
}
