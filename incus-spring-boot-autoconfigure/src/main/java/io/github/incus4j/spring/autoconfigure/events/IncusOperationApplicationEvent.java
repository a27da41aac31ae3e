package io.github.incus4j.spring.autoconfigure.events;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.OperationEvent;
import java.util.Objects;

/**
 * An {@code operation} event of the Incus daemon: a background operation was created or changed state.
 * Published when {@code incus.events.types} includes {@code operation}; see {@link IncusApplicationEvent}.
 */
public final class IncusOperationApplicationEvent extends IncusApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final transient OperationEvent event;

    /**
     * Creates the event.
     *
     * @param source the client that received it
     * @param clientName the client's name
     * @param event the daemon's event
     */
    public IncusOperationApplicationEvent(IncusClient source, String clientName, OperationEvent event) {
        super(source, clientName);
        this.event = Objects.requireNonNull(event, "event");
    }

    @Override
    public OperationEvent event() {
        return event;
    }
}
