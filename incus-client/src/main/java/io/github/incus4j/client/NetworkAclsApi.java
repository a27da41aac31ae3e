package io.github.incus4j.client;

import io.github.incus4j.client.model.NetworkAcl;
import io.github.incus4j.client.model.NetworkAclPut;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * Network ACLs: {@code /1.0/network-acls}, rule sets that networks and NICs refer to.
 */
public final class NetworkAclsApi {

    private final NamedCollection<NetworkAcl> acls;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    NetworkAclsApi(Calls calls) {
        this.acls = new NamedCollection<>(calls, "/1.0/network-acls", "name", Map.of(), NetworkAcl.class);
    }

    /**
     * Lists the ACL names ({@code recursion=0}).
     *
     * @return the names
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the ACL names ({@code recursion=0}).
     *
     * @param options filter and project selection
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/network-acls")
    public Mono<List<String>> listNames(ListOptions options) {
        return acls.names(options);
    }

    /**
     * Lists the ACLs ({@code recursion=1}).
     *
     * @return the ACLs
     */
    public Mono<List<NetworkAcl>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the ACLs ({@code recursion=1}).
     *
     * @param options filter and project selection
     * @return the ACLs
     */
    @Endpoint(method = "GET", path = "/1.0/network-acls?recursion=1")
    public Mono<List<NetworkAcl>> list(ListOptions options) {
        return acls.list(options);
    }

    /**
     * Reads an ACL.
     *
     * @param name the ACL name
     * @return the ACL
     */
    public Mono<NetworkAcl> get(String name) {
        return getWithEtag(name).map(ETagged::value);
    }

    /**
     * Reads an ACL with its ETag.
     *
     * @param name the ACL name
     * @return the ACL and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/network-acls/{name}")
    public Mono<ETagged<NetworkAcl>> getWithEtag(String name) {
        return acls.get(name);
    }

    /**
     * Creates an ACL.
     *
     * @param name the ACL name
     * @param acl its rules, description and configuration
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/network-acls")
    public Mono<Void> create(String name, NetworkAclPut acl) {
        return acls.create(name, acl);
    }

    /**
     * Replaces an ACL's rules, description and configuration.
     *
     * @param name the ACL name
     * @param acl the new content, typically from {@link NetworkAcl#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/network-acls/{name}")
    public Mono<Void> update(String name, NetworkAclPut acl, @Nullable String etag) {
        return acls.update(name, acl, etag);
    }

    /**
     * Changes only the given fields of an ACL. Incus 6.0.4 empties the rule lists the body does
     * not carry (measured), so send {@code ingress} and {@code egress} along.
     *
     * @param name the ACL name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/network-acls/{name}")
    public Mono<Void> patch(String name, Object changes, @Nullable String etag) {
        return acls.patch(name, changes, etag);
    }

    /**
     * Renames an ACL that nothing uses (Incus 6.0.4: HTTP 500 "Cannot rename an ACL that is in use"
     * otherwise).
     *
     * @param name the current name
     * @param newName the new name
     * @return completes when renamed
     */
    @Endpoint(method = "POST", path = "/1.0/network-acls/{name}")
    public Mono<Void> rename(String name, String newName) {
        return acls.rename(name, newName);
    }

    /**
     * Deletes an ACL that nothing uses (Incus 6.0.4: HTTP 500 "Cannot delete an ACL that is in use"
     * otherwise).
     *
     * @param name the ACL name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/network-acls/{name}")
    public Mono<Void> delete(String name) {
        return acls.delete(name);
    }

    /**
     * Reads the log of an ACL's {@code logged} rules as text. Only OVN networks keep one: on other
     * networks Incus 6.0 answers HTTP 500 "Only OVN log entries may be retrieved at this time".
     *
     * @param name the ACL name
     * @return the log lines
     */
    @Endpoint(method = "GET", path = "/1.0/network-acls/{name}/log")
    public Mono<String> log(String name) {
        return acls.calls().http().exchangeRaw(acls.one(HttpMethod.GET, "/log", name).build(),
                response -> response.bodyToMono(String.class).defaultIfEmpty(""));
    }
}
