package io.github.incus4j.client.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;

/** The name and tags of the client's exchange observations, for the requests that need care. */
class IncusRequestObservationConventionTest {

    private final IncusRequestObservationConvention convention = new IncusRequestObservationConvention("lab");

    @Test
    void exchangesAreNamedApartFromOtherHttpClients() {
        assertThat(convention.getName()).isEqualTo("incus.client.requests");
    }

    @Test
    void anOperationWaitIsTaggedApartFromCalls() {
        assertThat(low(context("/1.0/operations/{id}/wait?timeout={q_timeout}",
                "/1.0/operations/6a1b/wait?timeout=30"))).contains(KeyValue.of("incus.request", "operation-wait"),
                KeyValue.of("uri", "/1.0/operations/{id}/wait"), KeyValue.of("incus.client", "lab"));
        assertThat(low(context("/1.0/operations/{id}/wait", "/1.0/operations/6a1b/wait")))
                .contains(KeyValue.of("incus.request", "operation-wait"));
        assertThat(low(context("/1.0/operations/{id}", "/1.0/operations/6a1b")))
                .contains(KeyValue.of("incus.request", "call"));
        assertThat(low(context("/1.0/operations/{id}/websocket?secret={q_secret}", "/1.0/operations/6a1b/websocket")))
                .contains(KeyValue.of("incus.request", "call"));
    }

    @Test
    void theUriTagIsThePathTemplateWithoutTheQuery() {
        assertThat(low(context("/1.0/instances/{name}?project={q_project}&target={q_target}",
                "/1.0/instances/web-1?project=ci&target=node2"))).contains(KeyValue.of("uri", "/1.0/instances/{name}"));
    }

    @Test
    void secretsAreMaskedInTheUrlOfTraces() {
        KeyValues high = convention.getHighCardinalityKeyValues(context("/1.0/images/{fingerprint}?secret={q_secret}"
                + "&project={q_project}", "https://incus.example.net:8443/1.0/images/abc?secret=s3cr3t&project=ci"));
        assertThat(high).contains(KeyValue.of("http.url",
                "https://incus.example.net:8443/1.0/images/abc?secret=[masked]&project=ci"));
        assertThat(high.stream().map(KeyValue::getValue)).noneMatch(value -> value.contains("s3cr3t"));
    }

    private KeyValues low(ClientRequestObservationContext context) {
        return convention.getLowCardinalityKeyValues(context);
    }

    private static ClientRequestObservationContext context(String template, String url) {
        ClientRequest.Builder request = ClientRequest.create(HttpMethod.GET, URI.create(url));
        ClientRequestObservationContext context = new ClientRequestObservationContext(request);
        context.setUriTemplate(template);
        return context;
    }
}
