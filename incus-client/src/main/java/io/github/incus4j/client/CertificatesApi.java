package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.Certificate;
import io.github.incus4j.client.model.CertificatePut;
import io.github.incus4j.client.model.CertificatesPost;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The server's trust store: {@code /1.0/certificates}.
 *
 * <pre>{@code
 * // a token for a new client; cancel the operation to revoke it
 * OperationHandle token = client.certificates().createToken(CertificatesPost.tokenRequest("ci")).block();
 * String forTheClient = CertificateAddToken.fromOperation(token.lastSeen()).encoded();
 * }</pre>
 */
public final class CertificatesApi {

    private final Calls calls;
    private final NamedCollection<Certificate> certificates;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    CertificatesApi(Calls calls) {
        this.calls = calls;
        this.certificates = new NamedCollection<>(calls, "/1.0/certificates", "fingerprint", Map.of(),
                Certificate.class);
    }

    /**
     * Lists the fingerprints of the trusted certificates ({@code recursion=0}).
     *
     * @return the fingerprints
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the fingerprints of the trusted certificates ({@code recursion=0}).
     *
     * @param options a filter
     * @return the fingerprints
     */
    @Endpoint(method = "GET", path = "/1.0/certificates")
    public Mono<List<String>> listNames(ListOptions options) {
        return certificates.names(options);
    }

    /**
     * Lists the trusted certificates ({@code recursion=1}).
     *
     * @return the certificates
     */
    public Mono<List<Certificate>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the trusted certificates ({@code recursion=1}).
     *
     * @param options a filter
     * @return the certificates
     */
    @Endpoint(method = "GET", path = "/1.0/certificates?recursion=1")
    public Mono<List<Certificate>> list(ListOptions options) {
        return certificates.list(options);
    }

    /**
     * Reads a trusted certificate.
     *
     * @param fingerprint the fingerprint, or a unique prefix of it
     * @return the certificate
     */
    public Mono<Certificate> get(String fingerprint) {
        return getWithEtag(fingerprint).map(ETagged::value);
    }

    /**
     * Reads a trusted certificate with its ETag.
     *
     * @param fingerprint the fingerprint, or a unique prefix of it
     * @return the certificate and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/certificates/{fingerprint}")
    public Mono<ETagged<Certificate>> getWithEtag(String fingerprint) {
        return certificates.get(fingerprint);
    }

    /**
     * Adds a certificate to the trust store ({@link CertificatesPost#certificate}).
     *
     * @param certificate the request, with the certificate in PEM
     * @return completes when added
     */
    @Endpoint(method = "POST", path = "/1.0/certificates")
    public Mono<Void> add(CertificatesPost certificate) {
        Names.required("certificate", certificate);
        if (certificate.token() || certificate.certificate().isEmpty()) {
            throw new IllegalArgumentException("certificate must carry a PEM certificate; use createToken(...) for a "
                    + "token request and trustWithToken(...) to present a token");
        }
        return certificates.create(certificate);
    }

    /**
     * Asks for a trust token ({@link CertificatesPost#tokenRequest}). The daemon keeps the token
     * as a running operation: read it with
     * {@link io.github.incus4j.client.model.CertificateAddToken#fromOperation} from
     * {@link OperationHandle#lastSeen()}, and {@link OperationHandle#cancel()} it to revoke the
     * token. The server must listen on the network ({@code core.https_address}); otherwise Incus
     * 6.0.4 refuses with HTTP 400 ("Can't issue token when server isn't listening on network").
     *
     * @param request the token request
     * @return the token's operation
     */
    @Endpoint(method = "POST", path = "/1.0/certificates")
    public Mono<OperationHandle> createToken(CertificatesPost request) {
        Names.required("request", request);
        if (!request.token()) {
            throw new IllegalArgumentException("request must be a token request (CertificatesPost.tokenRequest(...))");
        }
        return calls.async(certificates.collection(HttpMethod.POST).json(request).build());
    }

    /**
     * Presents a trust token from a client that is not trusted yet, over HTTPS with the client
     * certificate to be trusted: the daemon adds that certificate to its trust store.
     *
     * @param trustToken the encoded token
     * @return completes when the client is trusted
     */
    @Endpoint(method = "POST", path = "/1.0/certificates?public")
    public Mono<Void> trustWithToken(String trustToken) {
        Names.segment("trustToken", trustToken);
        return calls.run(certificates.collection(HttpMethod.POST).unscoped()
                .json(CertificatesPost.trustToken(trustToken)).build());
    }

    /**
     * Replaces a certificate's name, type, description and restrictions.
     *
     * @param fingerprint the fingerprint
     * @param certificate the new content, typically from {@link Certificate#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/certificates/{fingerprint}")
    public Mono<Void> update(String fingerprint, CertificatePut certificate, @Nullable String etag) {
        Names.required("certificate", certificate);
        return certificates.update(fingerprint, certificate, etag);
    }

    /**
     * Changes only the given fields of a certificate.
     *
     * @param fingerprint the fingerprint
     * @param changes the fields to change, JSON-shaped (such as
     *     {@code Map.of("restricted", true, "projects", List.of("p1"))})
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/certificates/{fingerprint}")
    public Mono<Void> patch(String fingerprint, Object changes, @Nullable String etag) {
        return certificates.patch(fingerprint, changes, etag);
    }

    /**
     * Restricts a certificate to some projects, or lifts the restriction, keeping everything else.
     *
     * @param fingerprint the fingerprint
     * @param projects the projects it may reach; an empty list lifts the restriction
     * @return completes when applied
     */
    public Mono<Void> restrict(String fingerprint, List<String> projects) {
        Names.required("projects", projects);
        return getWithEtag(fingerprint).flatMap(read -> update(fingerprint, projects.isEmpty()
                ? read.value().toPut().unrestricted() : read.value().toPut().restrictedTo(projects), read.etag()));
    }

    /**
     * Removes a certificate from the trust store.
     *
     * @param fingerprint the fingerprint
     * @return completes when removed
     */
    @Endpoint(method = "DELETE", path = "/1.0/certificates/{fingerprint}")
    public Mono<Void> delete(String fingerprint) {
        return certificates.delete(fingerprint);
    }
}
