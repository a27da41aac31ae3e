package io.github.incus4j.client.internal.protocol;

import io.github.incus4j.client.internal.transport.UpgradeConnector;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What {@link IncusHttp} sends its requests through: a {@link WebClient} bound to the daemon, a
 * {@link WebSocketConnector} and an {@link UpgradeConnector} to the same endpoint. A client's scoped
 * copies share one transport.
 *
 * <p>An implementation may build its parts on first use (the client's own does, so that building a
 * client costs an application nothing at start-up) and must then be safe to call from many
 * threads at once.
 */
public interface HttpTransport {

    /**
     * Returns the WebClient that sends the requests.
     *
     * @return the WebClient, bound to the endpoint's connector
     * @throws IllegalStateException if the transport was closed
     */
    WebClient webClient();

    /**
     * Returns the connector for websockets.
     *
     * @return the connector, or {@code null} when this transport has no websocket support
     * @throws IllegalStateException if the transport was closed
     */
    @Nullable WebSocketConnector webSockets();

    /**
     * Returns what opens the daemon's raw upgrades ({@code sftp}, {@code nbd}, port forwarding).
     *
     * @return the connector, or {@code null} when this transport cannot open them
     * @throws IllegalStateException if the transport was closed
     */
    default @Nullable UpgradeConnector upgrades() {
        return null;
    }

    /**
     * Releases what the transport holds: open websockets, open raw connections and the connection
     * pool. Called once, when the client is closed; a transport never used holds nothing.
     */
    void close();

    /**
     * A transport of parts built by the caller, closed by the caller.
     *
     * @param webClient the WebClient
     * @param webSockets the websocket connector, or {@code null} for none
     * @return the transport; its {@link #close()} closes the websockets only
     */
    static HttpTransport of(WebClient webClient, @Nullable WebSocketConnector webSockets) {
        return new HttpTransport() {
            @Override
            public WebClient webClient() {
                return webClient;
            }

            @Override
            public @Nullable WebSocketConnector webSockets() {
                return webSockets;
            }

            @Override
            public void close() {
                if (webSockets != null) {
                    webSockets.closeAll();
                }
            }
        };
    }
}
