package io.github.incus4j.samples.sandbox;

import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.LifecycleEvent;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/events}: Incus lifecycle events as server-sent events, for the page to refresh its
 * instance list. Each browser gets its own Incus event stream; a comment every 15 seconds keeps
 * proxies from closing a quiet connection.
 */
@RestController
@RequestMapping("/api/events")
class EventsController {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final IncusClient incus;

    EventsController(IncusClient incus) {
        this.incus = incus;
    }

    /**
     * One lifecycle event as the page sees it.
     *
     * @param action what happened, such as {@code instance-started}
     * @param source the object, such as {@code /1.0/instances/c1}
     * @param name the object's name
     * @param project its project
     * @param timestamp when it happened
     */
    record Lifecycle(String action, String source, String name, String project, Instant timestamp) {
    }

    @GetMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Lifecycle>> lifecycle() {
        Flux<ServerSentEvent<Lifecycle>> events = incus.events().stream(EventFilter.types(EventFilter.LIFECYCLE))
                .ofType(LifecycleEvent.class)
                .map(event -> ServerSentEvent.builder(new Lifecycle(event.action(), event.source(), event.name(),
                        event.project(), event.timestamp())).event("lifecycle").build());
        Flux<ServerSentEvent<Lifecycle>> keepAlive = Flux.interval(KEEP_ALIVE)
                .map(tick -> ServerSentEvent.<Lifecycle>builder().comment("keep-alive").build());
        // If Incus closes the stream the merge ends with its error, the response ends, and the
        // browser's EventSource reconnects by itself.
        return Flux.merge(events, keepAlive);
    }
}
