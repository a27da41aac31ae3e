package io.github.incus4j.spring.autoconfigure.events;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The event stream's meters, tagged {@code incus.client}: {@code incus.events.received},
 * {@code incus.events.dropped} and {@code incus.events.reconnects} (counters), and
 * {@code incus.events.connected} (a gauge, 1 while connected, else 0). They read what the stream
 * recorded.
 */
final class IncusEventsMetrics implements MeterBinder {

    private final IncusEventStream stream;

    IncusEventsMetrics(IncusEventStream stream) {
        this.stream = stream;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String client = stream.clientName();
        FunctionCounter.builder("incus.events.received", stream, s -> s.state().received())
                .description("Incus events received from the daemon")
                .tag("incus.client", client).register(registry);
        FunctionCounter.builder("incus.events.dropped", stream, s -> s.state().dropped())
                .description("Incus events dropped, oldest first, because the listeners fell behind")
                .tag("incus.client", client).register(registry);
        FunctionCounter.builder("incus.events.reconnects", stream, s -> s.state().reconnects())
                .description("Times the Incus event stream connected again after losing its connection")
                .tag("incus.client", client).register(registry);
        Gauge.builder("incus.events.connected", stream,
                        s -> s.state().status() == IncusEventStream.Status.CONNECTED ? 1 : 0)
                .description("Whether the Incus event stream is connected (1) or not (0)")
                .tag("incus.client", client).register(registry);
    }
}
