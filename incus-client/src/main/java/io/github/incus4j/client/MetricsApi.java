package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.model.MetricSample;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Metrics of the server and its instances: {@code GET /1.0/metrics}, in the OpenMetrics text
 * format that Prometheus scrapes.
 *
 * <p>Measured on Incus 6.0.4: the first read after the daemon started held nothing but
 * {@code # EOF}, the next one a moment later the daemon's own metrics; a container just started
 * can take some seconds to appear, and its values are the same in reads a second apart (the
 * daemon caches them). A {@code metrics}-type certificate may read this endpoint and nothing else.
 */
public final class MetricsApi {

    private final IncusHttp http;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    MetricsApi(Calls calls) {
        this.http = calls.http();
    }

    /**
     * Reads the metrics of the client's project as text.
     *
     * @return the OpenMetrics text, ending with {@code # EOF}
     */
    @Endpoint(method = "GET", path = "/1.0/metrics")
    public Mono<String> text() {
        return Downloads.text(http, IncusRequest.get("/1.0/metrics").build(), "the metrics text");
    }

    /**
     * Reads the metrics and parses them into samples ({@link OpenMetrics#parse}).
     *
     * @return the samples
     */
    public Mono<List<MetricSample>> samples() {
        return text().map(OpenMetrics::parse);
    }
}
