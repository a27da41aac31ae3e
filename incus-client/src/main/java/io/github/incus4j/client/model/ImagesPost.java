package io.github.incus4j.client.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of {@code POST /1.0/images} that makes an image from something the daemon can
 * reach: an instance or snapshot of its own ("publish"), or an image of another server ("copy").
 * Start from {@link #fromInstance}, {@link #fromSnapshot} or {@link #fromServer} and add aliases and
 * properties with the {@code with...} methods.
 *
 * @param source where the image comes from
 * @param aliases aliases to create for the new image
 * @param properties descriptive properties ({@code os}, {@code release}, {@code description}, ...)
 * @param isPublic whether untrusted clients may use the image (written as {@code public})
 * @param autoUpdate whether the daemon refreshes a copied image from its source
 * @param expiresAt when the image becomes obsolete; {@code null} for never
 * @param compressionAlgorithm for a publish, the compression of the new image; empty for the
 *     server's {@code images.compression_algorithm}
 * @param filename the file name the image records; empty for none
 */
public record ImagesPost(
        Source source,
        List<Alias> aliases,
        Map<String, String> properties,
        @com.fasterxml.jackson.annotation.JsonProperty("public") boolean isPublic,
        boolean autoUpdate,
        @Nullable Instant expiresAt,
        String compressionAlgorithm,
        String filename) {

    /**
     * Copies the collections and normalises missing text.
     *
     * @param source where the image comes from
     * @param aliases aliases to create for the new image
     * @param properties descriptive properties ({@code os}, {@code release}, {@code description}, ...)
     * @param isPublic whether untrusted clients may use the image (written as {@code public})
     * @param autoUpdate whether the daemon refreshes a copied image from its source
     * @param expiresAt when the image becomes obsolete; {@code null} for never
     * @param compressionAlgorithm for a publish, the compression of the new image; empty for the
     *     server's {@code images.compression_algorithm}
     * @param filename the file name the image records; empty for none
     */
    public ImagesPost {
        java.util.Objects.requireNonNull(source, "source");
        aliases = Wire.list(aliases);
        properties = Wire.map(properties);
        compressionAlgorithm = Wire.text(compressionAlgorithm);
        filename = Wire.text(filename);
    }

    /**
     * Publishes an instance (which must be stopped, unless the storage driver can snapshot it live).
     *
     * @param instance the instance name
     * @return the body
     */
    public static ImagesPost fromInstance(String instance) {
        return of(new Source("instance", instance, "", "", "", "", "", "", "", "", ""));
    }

    /**
     * Publishes a snapshot of an instance.
     *
     * @param instance the instance name
     * @param snapshot the snapshot name
     * @return the body
     */
    public static ImagesPost fromSnapshot(String instance, String snapshot) {
        return of(new Source("snapshot", instance + "/" + snapshot, "", "", "", "", "", "", "", "", ""));
    }

    /**
     * Copies an image of another Incus server: the daemon downloads it from that server itself
     * ({@code pull} mode).
     *
     * @param serverUrl the source server's URL, such as {@code https://images.example:8443}
     * @param fingerprint the fingerprint of the image there
     * @return the body; add {@link #withSecret} for a private image and
     *     {@link #withCertificate} when the source's certificate is not trusted by the system
     */
    public static ImagesPost fromServer(String serverUrl, String fingerprint) {
        return of(new Source("image", "", fingerprint, "", serverUrl, "incus", "", "", "pull", "", ""));
    }

    private static ImagesPost of(Source source) {
        return new ImagesPost(source, List.of(), Map.of(), false, false, null, "", "");
    }

    /**
     * Returns a copy with one more alias.
     *
     * @param name the alias name
     * @param description its description, possibly empty
     * @return the changed copy
     */
    public ImagesPost withAlias(String name, String description) {
        List<Alias> more = new ArrayList<>(aliases);
        more.add(new Alias(name, description));
        return new ImagesPost(source, more, properties, isPublic, autoUpdate, expiresAt, compressionAlgorithm, filename);
    }

    /**
     * Returns a copy with one property set.
     *
     * @param key the property name
     * @param value its value
     * @return the changed copy
     */
    public ImagesPost withProperty(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(properties);
        more.put(key, value);
        return new ImagesPost(source, aliases, more, isPublic, autoUpdate, expiresAt, compressionAlgorithm, filename);
    }

    /**
     * Returns a copy that makes the image public or private.
     *
     * @param value whether the image is public
     * @return the changed copy
     */
    public ImagesPost withPublic(boolean value) {
        return new ImagesPost(source, aliases, properties, value, autoUpdate, expiresAt, compressionAlgorithm, filename);
    }

    /**
     * Returns a copy that has the daemon refresh a copied image from its source, or not.
     *
     * @param value whether the image auto-updates
     * @return the changed copy
     */
    public ImagesPost withAutoUpdate(boolean value) {
        return new ImagesPost(source, aliases, properties, isPublic, value, expiresAt, compressionAlgorithm, filename);
    }

    /**
     * Returns a copy with another compression for a publish.
     *
     * @param algorithm for example {@code gzip}, {@code zstd} or {@code none}
     * @return the changed copy
     */
    public ImagesPost withCompressionAlgorithm(String algorithm) {
        return new ImagesPost(source, aliases, properties, isPublic, autoUpdate, expiresAt, algorithm, filename);
    }

    /**
     * Returns a copy whose source carries the one-time secret of a private image
     * ({@code POST /1.0/images/{fingerprint}/secret} on the source server).
     *
     * @param secret the secret
     * @return the changed copy
     */
    public ImagesPost withSecret(String secret) {
        Source s = source;
        return withSource(new Source(s.type(), s.name(), s.fingerprint(), s.alias(), s.server(), s.protocol(),
                secret, s.certificate(), s.mode(), s.project(), s.imageType()));
    }

    /**
     * Returns a copy whose source carries the source server's certificate (PEM), for a server whose
     * certificate the system does not trust.
     *
     * @param certificatePem the PEM certificate
     * @return the changed copy
     */
    public ImagesPost withCertificate(String certificatePem) {
        Source s = source;
        return withSource(new Source(s.type(), s.name(), s.fingerprint(), s.alias(), s.server(), s.protocol(),
                s.secret(), certificatePem, s.mode(), s.project(), s.imageType()));
    }

    /**
     * Returns a copy whose source is in another project of the same server (API extension
     * {@code image_source_project}).
     *
     * @param project the project of the source instance or image
     * @return the changed copy
     */
    public ImagesPost withSourceProject(String project) {
        Source s = source;
        return withSource(new Source(s.type(), s.name(), s.fingerprint(), s.alias(), s.server(), s.protocol(),
                s.secret(), s.certificate(), s.mode(), project, s.imageType()));
    }

    private ImagesPost withSource(Source changed) {
        return new ImagesPost(changed, aliases, properties, isPublic, autoUpdate, expiresAt, compressionAlgorithm,
                filename);
    }

    /**
     * Where the image comes from; empty texts are left for the daemon's defaults.
     *
     * @param type {@code instance}, {@code snapshot}, {@code image} or {@code url}
     * @param name for {@code instance} the instance name, for {@code snapshot} {@code instance/snapshot}
     * @param fingerprint for {@code image}, the fingerprint on the source server
     * @param alias for {@code image}, an alias on the source server instead of a fingerprint
     * @param server for {@code image}, the source server's URL
     * @param protocol for {@code image}, {@code incus} or {@code simplestreams}
     * @param secret for a private {@code image}, the source's one-time secret
     * @param certificate the source server's PEM certificate, if the system does not trust it
     * @param mode {@code pull} (the daemon downloads) or {@code push}
     * @param project the source project
     * @param imageType {@code container} or {@code virtual-machine}
     */
    public record Source(String type, String name, String fingerprint, String alias, String server, String protocol,
            String secret, String certificate, String mode, String project, String imageType) {

        /**
         * Normalises missing text.
         *
         * @param type {@code instance}, {@code snapshot}, {@code image} or {@code url}
         * @param name for {@code instance} the instance name, for {@code snapshot} {@code instance/snapshot}
         * @param fingerprint for {@code image}, the fingerprint on the source server
         * @param alias for {@code image}, an alias on the source server instead of a fingerprint
         * @param server for {@code image}, the source server's URL
         * @param protocol for {@code image}, {@code incus} or {@code simplestreams}
         * @param secret for a private {@code image}, the source's one-time secret
         * @param certificate the source server's PEM certificate, if the system does not trust it
         * @param mode {@code pull} (the daemon downloads) or {@code push}
         * @param project the source project
         * @param imageType {@code container} or {@code virtual-machine}
         */
        public Source {
            type = Wire.text(type);
            name = Wire.text(name);
            fingerprint = Wire.text(fingerprint);
            alias = Wire.text(alias);
            server = Wire.text(server);
            protocol = Wire.text(protocol);
            secret = Wire.text(secret);
            certificate = Wire.text(certificate);
            mode = Wire.text(mode);
            project = Wire.text(project);
            imageType = Wire.text(imageType);
        }
    }

    /**
     * An alias to create with the image.
     *
     * @param name the alias name
     * @param description its description
     */
    public record Alias(String name, String description) {

        /**
         * Normalises missing text.
         *
         * @param name the alias name
         * @param description its description
         */
        public Alias {
            name = Wire.text(name);
            description = Wire.text(description);
        }
    }
}
