package io.github.incus4j.client;

import io.github.incus4j.client.model.Event;
import reactor.core.publisher.Flux;

/**
 * A listener on the daemon's event stream that is already connected: events that happen after
 * {@link EventsApi#connect} completed are not missed, even before {@link #events()} is subscribed
 * to (up to the filter's buffer size).
 *
 * <pre>{@code
 * EventSubscription listener = client.events().connect(EventFilter.types(EventFilter.LIFECYCLE)).block();
 * client.instances().create(request).block();                 // its events are already being received
 * listener.events().take(2).collectList().block();
 * }</pre>
 *
 * <p>Cancelling the subscription to {@link #events()}, or {@link #close()}, closes the websocket.
 */
public final class EventSubscription implements AutoCloseable {

    private final Flux<Event> events;
    private final Runnable closer;

    EventSubscription(Flux<Event> events, Runnable closer) {
        this.events = events.doOnCancel(closer);
        this.closer = closer;
    }

    /**
     * Returns the events, in the order the daemon sent them. The stream never completes on its
     * own: when the daemon closes the connection (it drops listeners that fall behind, and closes
     * them when it shuts down) it fails with an {@link io.github.incus4j.client.exception.IncusConnectionException};
     * events in between are lost, so re-read what you track after subscribing again.
     *
     * @return the events; may be subscribed to once
     */
    public Flux<Event> events() {
        return events;
    }

    /** Closes the websocket; a subscriber of {@link #events()} sees it complete. */
    @Override
    public void close() {
        closer.run();
    }
}
