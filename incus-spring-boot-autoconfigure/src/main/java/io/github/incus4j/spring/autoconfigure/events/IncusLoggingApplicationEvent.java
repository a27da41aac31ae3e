package io.github.incus4j.spring.autoconfigure.events;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.LoggingEvent;
import java.util.Objects;

/**
 * A {@code logging} event of the Incus daemon: a log message of the daemon (privileged clients only).
 * Published when {@code incus.events.types} includes {@code logging}; see {@link IncusApplicationEvent}.
 */
public final class IncusLoggingApplicationEvent extends IncusApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final transient LoggingEvent event;

    /**
     * Creates the event.
     *
     * @param source the client that received it
     * @param clientName the client's name
     * @param event the daemon's event
     */
    public IncusLoggingApplicationEvent(IncusClient source, String clientName, LoggingEvent event) {
        super(source, clientName);
        this.event = Objects.requireNonNull(event, "event");
    }

    @Override
    public LoggingEvent event() {
        return event;
    }
}
