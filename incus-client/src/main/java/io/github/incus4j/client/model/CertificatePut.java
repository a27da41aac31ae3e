package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * The writable part of a trusted certificate ({@code PUT} and {@code PATCH /1.0/certificates/{fingerprint}}).
 *
 * @param name the name
 * @param type {@code client}, {@code metrics} or {@code server}
 * @param description a free-form description
 * @param certificate the certificate in PEM
 * @param restricted whether it may only reach {@link #projects()}
 * @param projects the projects a restricted certificate may reach
 * @param extra fields this client version does not know, written back unchanged
 */
public record CertificatePut(
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
     * @param name the name
     * @param type {@code client}, {@code metrics} or {@code server}
     * @param description a free-form description
     * @param certificate the certificate in PEM
     * @param restricted whether it may only reach {@link #projects()}
     * @param projects the projects a restricted certificate may reach
     * @param extra fields this client version does not know, written back unchanged
     */
    public CertificatePut {
        name = Wire.text(name);
        type = Wire.text(type);
        description = Wire.text(description);
        certificate = Wire.text(certificate);
        projects = Wire.list(projects);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public CertificatePut withDescription(String newDescription) {
        return new CertificatePut(name, type, newDescription, certificate, restricted, projects, extra);
    }

    /**
     * Returns a copy restricted to some projects.
     *
     * @param allowed the projects the certificate may reach
     * @return the changed copy
     */
    public CertificatePut restrictedTo(List<String> allowed) {
        return new CertificatePut(name, type, description, certificate, true, allowed, extra);
    }

    /**
     * Returns a copy that may reach every project.
     *
     * @return the changed copy
     */
    public CertificatePut unrestricted() {
        return new CertificatePut(name, type, description, certificate, false, List.of(), extra);
    }
}
