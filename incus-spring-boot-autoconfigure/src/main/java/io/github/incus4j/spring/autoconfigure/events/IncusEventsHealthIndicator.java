package io.github.incus4j.spring.autoconfigure.events;

import java.util.Locale;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the event stream ({@code incusEvents}): UP while connected, DOWN while reconnecting,
 * UNKNOWN until it first connects, OUT_OF_SERVICE once stopped. Details: {@code client},
 * {@code status}, {@code since} (when it entered that status), {@code lastEvent} (once an event
 * arrived), {@code received}, {@code dropped} (events the full buffer dropped), {@code reconnects},
 * and {@code error} (why it is reconnecting). It reads what the stream recorded and contacts
 * nothing.
 *
 * <p>A separate indicator from {@code incus}, so that an application can put the daemon into its
 * readiness group without the stream, or the reverse.
 */
public final class IncusEventsHealthIndicator extends AbstractHealthIndicator {

    private final IncusEventStream stream;

    /**
     * Creates the indicator.
     *
     * @param stream the stream to report on
     */
    public IncusEventsHealthIndicator(IncusEventStream stream) {
        super("Incus event stream health check failed");
        this.stream = stream;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        IncusEventStream.State state = stream.state();
        switch (state.status()) {
            case CONNECTED -> builder.up();
            case RECONNECTING -> builder.down();
            case CONNECTING -> builder.unknown();
            case STOPPED -> builder.outOfService();
        }
        builder.withDetail("client", state.client())
                .withDetail("status", state.status().name().toLowerCase(Locale.ROOT))
                .withDetail("since", state.since().toString());
        if (state.lastEvent() != null) {
            builder.withDetail("lastEvent", state.lastEvent().toString());
        }
        builder.withDetail("received", state.received())
                .withDetail("dropped", state.dropped())
                .withDetail("reconnects", state.reconnects());
        if (state.lastError() != null) {
            builder.withDetail("error", state.lastError());
        }
    }
}
