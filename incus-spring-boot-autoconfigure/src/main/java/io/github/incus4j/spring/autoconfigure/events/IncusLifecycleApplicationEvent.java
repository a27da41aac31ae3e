package io.github.incus4j.spring.autoconfigure.events;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.LifecycleEvent;
import java.util.Objects;

/**
 * A {@code lifecycle} event of the Incus daemon, an audit record: an object was created, changed,
 * deleted, started or stopped.
 * Published when {@code incus.events.types} includes {@code lifecycle}; see {@link IncusApplicationEvent}.
 */
public final class IncusLifecycleApplicationEvent extends IncusApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final transient LifecycleEvent event;

    /**
     * Creates the event.
     *
     * @param source the client that received it
     * @param clientName the client's name
     * @param event the daemon's event
     */
    public IncusLifecycleApplicationEvent(IncusClient source, String clientName, LifecycleEvent event) {
        super(source, clientName);
        this.event = Objects.requireNonNull(event, "event");
    }

    @Override
    public LifecycleEvent event() {
        return event;
    }
}
