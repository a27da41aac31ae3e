package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.InstanceConsolePost;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The console of one instance: {@code /1.0/instances/{name}/console}, reached with
 * {@link InstancesApi#console(String)}. One URL, three calls: attach an interactive session
 * ({@code POST}), read what the instance wrote to its console ({@code GET}), clear that log
 * ({@code DELETE}).
 *
 * <pre>{@code
 * InstanceConsoleApi console = client.instances().console("c1");
 * String boot = console.log().block();
 * ConsoleSession session = console.attach(InstanceConsolePost.text(80, 24)).block();
 * }</pre>
 */
public final class InstanceConsoleApi {

    private static final String CONSOLE = "/1.0/instances/{name}/console";

    private final Calls calls;
    private final String instance;

    /**
     * Creates the API of one instance's console.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param instance the instance name, already checked
     */
    InstanceConsoleApi(Calls calls, String instance) {
        this.calls = calls;
        this.instance = instance;
    }

    /**
     * Attaches to the text console with an 80 by 24 terminal; see {@link #attach(InstanceConsolePost)}.
     *
     * @return the session
     */
    public Mono<ConsoleSession> attach() {
        return attach(InstanceConsolePost.text(80, 24));
    }

    /**
     * Attaches to the console; subscribe to the session's {@link ConsoleSession#output()} at once to
     * connect it.
     *
     * @param console the console type and terminal size, such as {@link InstanceConsolePost#text(int, int)}
     * @return the session; an {@link io.github.incus4j.client.exception.IncusApiException} if the daemon
     *     refused: HTTP 400 "Instance is not running", or, while another session holds the console
     *     (one attached and not yet disconnected, even if it never connected), HTTP 500 "This
     *     console is already connected. Force is required to take it over." (measured on Incus
     *     6.0.4; {@link InstanceConsolePost#forced()} takes it over)
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/console")
    public Mono<ConsoleSession> attach(InstanceConsolePost console) {
        Names.required("console", console);
        Mono<Void> forcing = console.force() ? calls.extensions().require("console_force") : Mono.empty();
        Mono<Void> vga = "vga".equals(console.type()) ? calls.extensions().require("console_vga_type") : Mono.empty();
        IncusRequest request = console(HttpMethod.POST).json(console).build();
        return forcing.then(vga).then(calls.async(request))
                .map(operation -> new ConsoleSession(calls.http(), instance, operation));
    }

    /**
     * Reads the console log: what the instance wrote to its console (for a container, its
     * {@code /dev/console}). Measured on Incus 6.0.4 with a container: while it runs, a read
     * returns only what was written since the previous read (the daemon empties its ring buffer
     * into the log file as it answers); once it stopped, a read returns the whole log file, every
     * run of the instance, until {@link #clearLog()}.
     *
     * @return the console output as text (UTF-8, held in memory)
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/console")
    public Mono<String> log() {
        return Downloads.text(calls.http(), console(HttpMethod.GET).build(), "the console log");
    }

    /**
     * Clears the console log.
     *
     * @return completes when cleared
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/console")
    public Mono<Void> clearLog() {
        return calls.run(console(HttpMethod.DELETE).build());
    }

    private IncusRequest.Builder console(HttpMethod method) {
        return IncusRequest.of(method, CONSOLE).path("name", "instance", instance);
    }
}
