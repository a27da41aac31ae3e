package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * A request that makes the server push one of its images to another server
 * ({@code POST /1.0/images/{fingerprint}/export}; API extension {@code images_push_relay}).
 *
 * <p>The target server must expect the image: a trusted client first asks it for an upload
 * secret (an image creation in push mode), and that secret goes here.
 *
 * @param target the target server's URL, such as {@code https://1.2.3.4:8443}
 * @param secret the upload secret the target server handed out
 * @param certificate the target server's certificate (PEM), which the pushing server pins
 * @param aliases the aliases to create on the target
 * @param project the target project, empty for the default
 * @param profiles the profiles to give the image on the target, empty for the target's default
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageExportPost(
        String target,
        String secret,
        String certificate,
        List<Image.Alias> aliases,
        String project,
        List<String> profiles) {

    /**
     * Normalises missing fields.
     *
     * @param target the target server's URL, such as {@code https://1.2.3.4:8443}
     * @param secret the upload secret the target server handed out
     * @param certificate the target server's certificate (PEM), which the pushing server pins
     * @param aliases the aliases to create on the target
     * @param project the target project, empty for the default
     * @param profiles the profiles to give the image on the target, empty for the target's default
     */
    public ImageExportPost {
        target = Wire.text(target);
        secret = Wire.text(secret);
        certificate = Wire.text(certificate);
        aliases = Wire.list(aliases);
        project = Wire.text(project);
        profiles = Wire.list(profiles);
    }

    /**
     * A push to the target with its upload secret and certificate.
     *
     * @param target the target server's URL
     * @param secret the upload secret from the target
     * @param certificate the target's certificate (PEM)
     * @return the request
     */
    public static ImageExportPost to(String target, String secret, String certificate) {
        return new ImageExportPost(target, secret, certificate, List.of(), "", List.of());
    }

    /**
     * Returns a copy that also creates an alias on the target.
     *
     * @param name the alias name
     * @param description its description
     * @return the changed copy
     */
    public ImageExportPost withAlias(String name, String description) {
        List<Image.Alias> more = new ArrayList<>(aliases);
        more.add(new Image.Alias(name, description));
        return new ImageExportPost(target, secret, certificate, more, project, profiles);
    }

    /**
     * Returns a copy that puts the image into a project of the target.
     *
     * @param targetProject the project name
     * @return the changed copy
     */
    public ImageExportPost withProject(String targetProject) {
        return new ImageExportPost(target, secret, certificate, aliases, targetProject, profiles);
    }
}
