package io.github.incus4j.client.model;

import java.util.List;

/**
 * A request to add a certificate to the trust store ({@code POST /1.0/certificates}).
 *
 * <p>Three kinds, made by the factories: a certificate given in PEM ({@link #certificate}), a
 * trust token for a client to come ({@link #tokenRequest}), or a token presented by an untrusted
 * client to trust itself ({@link #trustToken(String)}).
 *
 * @param name the name
 * @param type {@code client} or {@code metrics}
 * @param description a free-form description
 * @param certificate the certificate in PEM (or base64 DER); empty for token requests
 * @param restricted whether it may only reach {@link #projects()}
 * @param projects the projects a restricted certificate may reach
 * @param token {@code true} to ask for a trust token instead of adding a certificate
 * @param trustToken a trust token an untrusted client presents
 */
public record CertificatesPost(
        String name,
        String type,
        String description,
        String certificate,
        boolean restricted,
        List<String> projects,
        boolean token,
        String trustToken) {

    /**
     * Normalises missing fields.
     *
     * @param name the name
     * @param type {@code client} or {@code metrics}
     * @param description a free-form description
     * @param certificate the certificate in PEM (or base64 DER); empty for token requests
     * @param restricted whether it may only reach {@link #projects()}
     * @param projects the projects a restricted certificate may reach
     * @param token {@code true} to ask for a trust token instead of adding a certificate
     * @param trustToken a trust token an untrusted client presents
     */
    public CertificatesPost {
        name = Wire.text(name);
        type = Wire.text(type);
        description = Wire.text(description);
        certificate = Wire.text(certificate);
        projects = Wire.list(projects);
        trustToken = Wire.text(trustToken);
    }

    /**
     * Adds a client certificate given in PEM. The daemon wants the DER bytes in base64 (the PEM
     * body without its armour lines), which is what is sent.
     *
     * @param name the name to show in the trust store
     * @param pem the certificate in PEM, or already as base64 DER
     * @return the request
     * @throws IllegalArgumentException if the text holds no certificate
     */
    public static CertificatesPost certificate(String name, String pem) {
        return new CertificatesPost(name, "client", "", base64Der(pem), false, List.of(), false, "");
    }

    private static String base64Der(String pem) {
        String text = pem;
        int begin = text.indexOf("-----BEGIN CERTIFICATE-----");
        if (begin >= 0) {
            int end = text.indexOf("-----END CERTIFICATE-----", begin);
            if (end < 0) {
                throw new IllegalArgumentException("the PEM text has no END CERTIFICATE line");
            }
            text = text.substring(begin + "-----BEGIN CERTIFICATE-----".length(), end);
        }
        String body = text.replaceAll("\\s+", "");
        if (body.isEmpty()) {
            throw new IllegalArgumentException("no certificate given");
        }
        try {
            java.util.Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the certificate is neither PEM nor base64 DER: " + e.getMessage(), e);
        }
        return body;
    }

    /**
     * Asks for a trust token that one client can later use to trust itself.
     *
     * @param clientName the name the client will have in the trust store
     * @return the request
     */
    public static CertificatesPost tokenRequest(String clientName) {
        return new CertificatesPost(clientName, "client", "", "", false, List.of(), true, "");
    }

    /**
     * Presents a trust token, sent by a client that is not trusted yet over HTTPS; the daemon then
     * trusts the client certificate of the connection.
     *
     * @param trustToken the encoded token ({@link CertificateAddToken#encoded()})
     * @return the request
     */
    public static CertificatesPost trustToken(String trustToken) {
        return new CertificatesPost("", "client", "", "", false, List.of(), false, trustToken);
    }

    /**
     * Returns a copy of a certificate or token request restricted to some projects.
     *
     * @param allowed the projects
     * @return the changed copy
     */
    public CertificatesPost restrictedTo(List<String> allowed) {
        return new CertificatesPost(name, type, description, certificate, true, allowed, token, trustToken);
    }

    /**
     * Returns a copy with another certificate type.
     *
     * @param newType {@code client} or {@code metrics}
     * @return the changed copy
     */
    public CertificatesPost withType(String newType) {
        return new CertificatesPost(name, newType, description, certificate, restricted, projects, token, trustToken);
    }
}
