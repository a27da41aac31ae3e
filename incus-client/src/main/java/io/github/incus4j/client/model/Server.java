package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The server's description ({@code GET /1.0}).
 *
 * <p>An untrusted client sees a reduced view: {@code auth} is {@code "untrusted"},
 * {@link #apiExtensions()} is empty and {@link #environment()} is {@code null}.
 *
 * @param config the server configuration (only {@code user.ui.*} keys when untrusted)
 * @param apiExtensions the API extensions the server supports (empty when untrusted)
 * @param apiStatus {@code stable}, {@code development} or {@code deprecated}
 * @param apiVersion the API version, {@code "1.0"}
 * @param auth {@code trusted} or {@code untrusted}
 * @param isPublic whether this is a public image server (JSON {@code public})
 * @param authMethods the authentication methods the server accepts ({@code tls}, {@code oidc})
 * @param authUserName the name the server knows the caller by
 * @param authUserMethod how the caller authenticated ({@code unix}, {@code tls}, {@code oidc})
 * @param environment details of the host and daemon, {@code null} when untrusted
 * @param extra fields this client version does not know, kept for writing back
 */
public record Server(
        Map<String, String> config,
        List<String> apiExtensions,
        String apiStatus,
        String apiVersion,
        String auth,
        @JsonProperty("public") boolean isPublic,
        List<String> authMethods,
        String authUserName,
        String authUserMethod,
        @Nullable ServerEnvironment environment,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param config the server configuration (only {@code user.ui.*} keys when untrusted)
     * @param apiExtensions the API extensions the server supports (empty when untrusted)
     * @param apiStatus {@code stable}, {@code development} or {@code deprecated}
     * @param apiVersion the API version, {@code "1.0"}
     * @param auth {@code trusted} or {@code untrusted}
     * @param isPublic whether this is a public image server (JSON {@code public})
     * @param authMethods the authentication methods the server accepts ({@code tls}, {@code oidc})
     * @param authUserName the name the server knows the caller by
     * @param authUserMethod how the caller authenticated ({@code unix}, {@code tls}, {@code oidc})
     * @param environment details of the host and daemon, {@code null} when untrusted
     * @param extra fields this client version does not know, kept for writing back
     */
    public Server {
        config = Wire.map(config);
        apiExtensions = Wire.list(apiExtensions);
        apiStatus = Wire.text(apiStatus);
        apiVersion = Wire.text(apiVersion);
        auth = Wire.text(auth);
        authMethods = Wire.list(authMethods);
        authUserName = Wire.text(authUserName);
        authUserMethod = Wire.text(authUserMethod);
        extra = Wire.map(extra);
    }

    /**
     * Tells whether the server trusts this client.
     *
     * @return {@code true} when {@code auth} is {@code "trusted"}
     */
    public boolean isTrusted() {
        return "trusted".equals(auth);
    }

    /**
     * Returns the writable part of this server description, for {@code PUT /1.0}.
     *
     * @return the server configuration as a {@link ServerPut}
     */
    public ServerPut toPut() {
        return new ServerPut(config, Map.of());
    }
}
