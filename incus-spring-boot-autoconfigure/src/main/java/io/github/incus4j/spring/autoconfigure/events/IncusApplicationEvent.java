package io.github.incus4j.spring.autoconfigure.events;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Event;
import org.springframework.context.ApplicationEvent;

/**
 * An event of the Incus daemon, published as a Spring application event when
 * {@code incus.events.enabled=true}. Listen to one of its subclasses, one per event type:
 *
 * <pre>{@code
 * @EventListener
 * void on(IncusLifecycleApplicationEvent event) {
 *     log.info("{} {}", event.event().action(), event.event().source());
 * }
 * }</pre>
 *
 * <p>Listeners run one event at a time, in the order the daemon sent them, on the stream's own
 * thread ({@code incus-events-CLIENT}), where blocking calls (such as {@code .block()} on the
 * client) are allowed. A listener that takes long holds the following events back; past
 * {@code incus.events.buffer-size} waiting events the oldest are dropped. Events that happen while
 * the stream reconnects are never received: re-read what you track after a reconnection.
 */
public abstract sealed class IncusApplicationEvent extends ApplicationEvent
        permits IncusLifecycleApplicationEvent, IncusOperationApplicationEvent, IncusLoggingApplicationEvent {

    private static final long serialVersionUID = 1L;

    /** The name of the client that received the event. */
    private final String clientName;

    IncusApplicationEvent(IncusClient source, String clientName) {
        super(source);
        this.clientName = clientName;
    }

    /**
     * Returns the daemon's event.
     *
     * @return the typed event
     */
    public abstract Event event();

    /**
     * Returns the name of the client that received the event.
     *
     * @return {@code default} for the unnamed client, else the NAME of {@code incus.clients.NAME}
     */
    public String clientName() {
        return clientName;
    }

    /**
     * Returns the client that received the event.
     *
     * @return the client (scoped to {@code incus.events.project} if that is set)
     */
    @Override
    public IncusClient getSource() {
        return (IncusClient) super.getSource();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[client=" + clientName + ", event=" + event() + "]";
    }
}
