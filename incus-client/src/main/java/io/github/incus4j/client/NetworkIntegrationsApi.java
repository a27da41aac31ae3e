package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.NetworkIntegration;
import io.github.incus4j.client.model.NetworkIntegrationPut;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Network integrations: {@code /1.0/network-integrations} (API extension
 * {@code network_integrations}), connections to external network systems such as an OVN
 * interconnection that remote network peers go through. They belong to the server, not to a
 * project.
 *
 * <p>The daemon stores an integration without connecting to it, so all of this works on a server
 * without OVN; only peers that use it need OVN.
 */
public final class NetworkIntegrationsApi {

    /** The API extension these endpoints came with. */
    public static final String EXTENSION = "network_integrations";

    private final NamedCollection<NetworkIntegration> integrations;

    /**
     * Creates the API, checking the API extension {@value #EXTENSION} before every call.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    NetworkIntegrationsApi(Calls calls) {
        this.integrations = new NamedCollection<>(calls, "/1.0/network-integrations",
                "integration", Map.of(), NetworkIntegration.class).requiring(EXTENSION);
    }

    /**
     * Lists the integration names ({@code recursion=0}).
     *
     * @return the names
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the integration names ({@code recursion=0}).
     *
     * @param options a filter
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/network-integrations")
    public Mono<List<String>> listNames(ListOptions options) {
        return integrations.names(options);
    }

    /**
     * Lists the integrations ({@code recursion=1}).
     *
     * @return the integrations
     */
    public Mono<List<NetworkIntegration>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the integrations ({@code recursion=1}).
     *
     * @param options a filter
     * @return the integrations
     */
    @Endpoint(method = "GET", path = "/1.0/network-integrations?recursion=1")
    public Mono<List<NetworkIntegration>> list(ListOptions options) {
        return integrations.list(options);
    }

    /**
     * Reads an integration.
     *
     * @param integration the integration name
     * @return the integration
     */
    public Mono<NetworkIntegration> get(String integration) {
        return getWithEtag(integration).map(ETagged::value);
    }

    /**
     * Reads an integration with its ETag.
     *
     * @param integration the integration name
     * @return the integration and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/network-integrations/{integration}")
    public Mono<ETagged<NetworkIntegration>> getWithEtag(String integration) {
        return integrations.get(Names.segment("integration", integration));
    }

    /**
     * Creates an integration.
     *
     * @param integration the integration name
     * @param type the integration type, {@code ovn} (Incus 6.0.4 refuses another with
     *     {@code Invalid integration type})
     * @param content its description and configuration ({@code ovn.northbound_connection},
     *     {@code ovn.ca_cert}, {@code ovn.client_cert}, {@code ovn.client_key}, ...)
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/network-integrations")
    public Mono<Void> create(String integration, String type, NetworkIntegrationPut content) {
        Names.segment("integration", integration);
        Names.segment("type", type);
        Names.required("content", content);
        return integrations.create(Calls.named(integration, content).put("type", type));
    }

    /**
     * Replaces an integration's description and configuration.
     *
     * @param integration the integration name
     * @param content the new content, typically from {@link NetworkIntegration#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/network-integrations/{integration}")
    public Mono<Void> update(String integration, NetworkIntegrationPut content, @Nullable String etag) {
        return integrations.update(Names.segment("integration", integration), content, etag);
    }

    /**
     * Changes only the given fields of an integration; configuration keys are merged. On Incus
     * 6.0.4 send {@code config} along (an empty map will do): without it the daemon drops the
     * connection.
     *
     * @param integration the integration name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/network-integrations/{integration}")
    public Mono<Void> patch(String integration, Object changes, @Nullable String etag) {
        return integrations.patch(Names.segment("integration", integration), changes, etag);
    }

    /**
     * Renames an integration.
     *
     * @param integration the current name
     * @param newName the new name
     * @return completes when renamed
     */
    @Endpoint(method = "POST", path = "/1.0/network-integrations/{integration}")
    public Mono<Void> rename(String integration, String newName) {
        return integrations.rename(Names.segment("integration", integration), newName);
    }

    /**
     * Deletes an integration that no peer uses.
     *
     * @param integration the integration name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/network-integrations/{integration}")
    public Mono<Void> delete(String integration) {
        return integrations.delete(Names.segment("integration", integration));
    }
}
