package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusClient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The named Incus clients declared with {@code incus.clients.NAME.*}, by name.
 *
 * <p>Each is also an {@link IncusClient} bean injectable with {@code @Qualifier("NAME")}; this
 * registry serves code that picks a server at run time:
 * <pre>{@code
 * IncusClient lab = clients.get("lab");
 * for (String name : clients.names()) { ... }
 * }</pre>
 * The unnamed client configured by {@code incus.*} is not in it. The registry owns the clients and
 * closes them when the application context closes.
 */
public final class IncusClients implements AutoCloseable {

    private final Map<String, IncusClient> clients;

    /**
     * Creates the registry.
     *
     * @param clients the clients by name, in the order to report them
     */
    public IncusClients(Map<String, IncusClient> clients) {
        this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
    }

    /**
     * Returns the client of that name.
     *
     * @param name the name, as in {@code incus.clients.NAME}
     * @return the client
     * @throws IllegalArgumentException if no client has that name; the message lists the names
     */
    public IncusClient get(String name) {
        IncusClient client = clients.get(name);
        if (client == null) {
            throw new IllegalArgumentException("No Incus client is named '" + name + "'; the named clients are "
                    + clients.keySet() + " (declare one with incus.clients." + name + ".url or .remote)");
        }
        return client;
    }

    /**
     * Returns the client of that name, if there is one.
     *
     * @param name the name
     * @return the client, or empty
     */
    public Optional<IncusClient> find(String name) {
        return Optional.ofNullable(clients.get(name));
    }

    /**
     * Returns the names of the clients, in the order they were declared.
     *
     * @return the names, unmodifiable
     */
    public Set<String> names() {
        return clients.keySet();
    }

    /**
     * Returns every client by name.
     *
     * @return the clients, unmodifiable
     */
    public Map<String, IncusClient> asMap() {
        return clients;
    }

    /** Closes every client. */
    @Override
    public void close() {
        clients.values().forEach(IncusClient::close);
    }

    @Override
    public String toString() {
        return "IncusClients" + clients.keySet();
    }
}
