package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A certificate in the server's trust store ({@code GET /1.0/certificates/{fingerprint}}).
 *
 * @param fingerprint the SHA-256 fingerprint
 * @param name the name
 * @param type {@code client}, {@code metrics} or {@code server}
 * @param description a free-form description
 * @param certificate the certificate in PEM
 * @param restricted whether it may only reach {@link #projects()}
 * @param projects the projects a restricted certificate may reach
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record Certificate(
        String fingerprint,
        String name,
        String type,
        String description,
        String certificate,
        boolean restricted,
        List<String> projects,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param fingerprint the SHA-256 fingerprint
     * @param name the name
     * @param type {@code client}, {@code metrics} or {@code server}
     * @param description a free-form description
     * @param certificate the certificate in PEM
     * @param restricted whether it may only reach {@link #projects()}
     * @param projects the projects a restricted certificate may reach
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public Certificate {
        fingerprint = Wire.text(fingerprint);
        name = Wire.text(name);
        type = Wire.text(type);
        description = Wire.text(description);
        certificate = Wire.text(certificate);
        projects = Wire.list(projects);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public CertificatePut toPut() {
        return new CertificatePut(name, type, description, certificate, restricted, projects, extra);
    }
}
