package io.github.incus4j.benchmarks;

import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.EventSubscription;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.LifecycleEvent;
import io.github.incus4j.client.model.ProfilePut;
import io.github.incus4j.test.IncusDaemon;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * B8: profiles created and deleted in a loop while subscribed to lifecycle events. Every event
 * must arrive; the latency is from the call's return to the event's arrival.
 */
final class EventsCase {

    private final IncusDaemon daemon;
    private final Settings settings;

    EventsCase(IncusDaemon daemon, Settings settings) {
        this.daemon = daemon;
        this.settings = settings;
    }

    Result run() throws Exception {
        Duration length = settings.smoke() ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        Map<String, Long> returned = new ConcurrentHashMap<>();
        try (IncusClient client = IncusClient.builder().unixSocket(daemon.socketPath()).build();
                EventSubscription subscription = client.events().connect(EventFilter.types(EventFilter.LIFECYCLE))
                        .block(Duration.ofSeconds(10))) {
            subscription.events().ofType(LifecycleEvent.class)
                    .filter(event -> event.source().startsWith("/1.0/profiles/bench-events-"))
                    .subscribe(event -> arrived.put(event.action() + " " + event.source(), System.nanoTime()));
            long end = System.nanoTime() + length.toNanos();
            for (int i = 0; i < 1_000_000 && System.nanoTime() < end; i++) {
                String name = "bench-events-" + i;
                client.profiles().create(name, ProfilePut.empty()).block();
                returned.put("profile-created /1.0/profiles/" + name, System.nanoTime());
                client.profiles().delete(name).block();
                returned.put("profile-deleted /1.0/profiles/" + name, System.nanoTime());
            }
            long settle = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!arrived.keySet().containsAll(returned.keySet()) && System.nanoTime() < settle) {
                Thread.sleep(20);
            }
        }
        List<Double> latencies = new ArrayList<>();
        for (Map.Entry<String, Long> call : returned.entrySet()) {
            Long at = arrived.get(call.getKey());
            if (at != null) {
                // An event may even arrive before the call returns; that counts as no delay.
                latencies.add(Math.max(0, at - call.getValue()) / 1e6);
            }
        }
        Collections.sort(latencies);
        double p50 = latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() / 2);
        double p99 = latencies.isEmpty() ? Double.NaN : latencies.get((int) Math.min(latencies.size() - 1,
                Math.round(latencies.size() * 0.99)));
        boolean allDelivered = latencies.size() == returned.size();
        return new Result("B8", "lifecycle events while creating and deleting profiles for " + length.toSeconds()
                + " s: sent/received, latency after the call returned p50/p99",
                returned.size() + " sent, " + latencies.size() + " received; p50 " + Report.millis(p50) + ", p99 "
                        + Report.millis(p99), "-", "-", "every event delivered", allDelivered);
    }
}
