package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusTokenSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access token the {@code incus} command line stored for an OIDC remote
 * ({@code <config dir>/oidctokens/<remote>.json}), renewed the way the command line renews it.
 *
 * <p>The expiry is read from the token's own {@code exp}: the {@code expiry} field the command
 * line writes after a device sign-in is wrong in Incus 6.0.4 (it takes {@code expires_in} as
 * nanoseconds, so it is about the time of issue). A token that expires within a few seconds, or
 * that Incus refused as expired, is renewed with the stored refresh token at the token endpoint of
 * the token's issuer ({@code iss}, discovered through its {@code .well-known/openid-configuration}),
 * as the public client the ID token was issued to (its {@code aud}; the daemon's
 * {@code oidc.client.id}). The new tokens are written back to the file, in the command line's
 * format and readable by its owner only, because providers often accept a refresh token once:
 * keeping the new one to ourselves would leave the command line with a spent one. When the token
 * cannot be renewed (no refresh token, the provider refuses it or cannot be reached), asking for a
 * token fails with a message that says how to sign in again.
 *
 * <p>The file is read again when it changes, so a sign-in or renewal by the command line is
 * picked up. Reading and renewing block, so they run on Reactor's bounded-elastic threads; a
 * token that is still valid is answered from memory. Tokens are never logged or put in messages.
 */
final class CliOidcTokens implements IncusTokenSource {

    private static final Log logger = LogFactory.getLog(CliOidcTokens.class);

    /** A token expiring sooner is renewed first: Incus allows no clock skew, and the request takes time. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final Path file;
    private final String remote;
    private final String signIn;

    /** The last token handed out with its expiry, for the path that needs no file. */
    private volatile @Nullable Current current;
    /** What the file held when last read or written, and its modification time then. */
    private @Nullable Map<String, Object> stored;
    private @Nullable FileTime storedTime;
    private @Nullable HttpClient http;

    private record Current(String token, @Nullable Instant expiry) {

        boolean valid() {
            return expiry == null || expiry.isAfter(Instant.now().plus(MARGIN));
        }
    }

    /**
     * Creates the source; nothing is read yet.
     *
     * @param file the command line's token file of the remote
     * @param remote the remote's name, for messages
     * @param signIn the commands that sign in again, for messages
     */
    CliOidcTokens(Path file, String remote, String signIn) {
        this.file = file;
        this.remote = remote;
        this.signIn = signIn;
    }

    @Override
    public Mono<String> token() {
        Current known = current;
        if (known != null && known.valid()) {
            return Mono.just(known.token());
        }
        return Mono.fromCallable(() -> obtain(null)).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<String> refresh(String rejected) {
        return Mono.fromCallable(() -> obtain(rejected)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The stored token if it is still valid (and not the one Incus refused), else a renewed one.
     */
    private synchronized String obtain(@Nullable String rejected) {
        Map<String, Object> tokens = read();
        String access = text(tokens, "access_token");
        Instant expiry = null;
        if (access != null) {
            try {
                expiry = JwtClaims.read(access).expiry();
            } catch (IllegalArgumentException opaque) {
                // Not a JWT: its expiry is unknown, so it is used until Incus refuses it.
            }
            Current found = new Current(access, expiry);
            if (!access.equals(rejected) && found.valid()) {
                current = found;
                return access;
            }
        }
        return renew(tokens, access, expiry, rejected != null);
    }

    private String renew(Map<String, Object> tokens, @Nullable String access, @Nullable Instant expiry,
            boolean refused) {
        String why = refused ? "Incus refused it as expired" : expiry != null ? "it expired at " + expiry
                : "it is missing";
        String refreshToken = text(tokens, "refresh_token");
        if (refreshToken == null || access == null) {
            throw cannotRenew(why, "the file holds no refresh token");
        }
        JwtClaims claims;
        try {
            claims = JwtClaims.read(access);
        } catch (IllegalArgumentException e) {
            throw cannotRenew(why, e.getMessage() + ", so its issuer is unknown");
        }
        String issuer = claims.text("iss");
        if (issuer == null) {
            throw cannotRenew(why, "the token names no issuer (iss)");
        }
        String clientId = clientId(tokens, claims);
        if (clientId == null) {
            throw cannotRenew(why, "neither the ID token nor the access token names the client (aud, client_id, "
                    + "azp)");
        }
        Map<String, Object> answer = exchange(issuer, clientId, refreshToken, why);
        String renewed = text(answer, "access_token");
        if (renewed == null) {
            throw cannotRenew(why, "the identity provider " + issuer + " answered without an access token");
        }
        Instant renewedExpiry = expiryOf(renewed, answer.get("expires_in"));
        Map<String, Object> updated = new LinkedHashMap<>(tokens);
        updated.put("access_token", renewed);
        updated.put("token_type", "Bearer");
        if (text(answer, "refresh_token") != null) {
            updated.put("refresh_token", answer.get("refresh_token"));
        }
        if (text(answer, "id_token") != null) {
            updated.put("IDToken", answer.get("id_token"));
        }
        if (renewedExpiry != null) {
            updated.put("expiry", renewedExpiry.toString());
        }
        store(updated);
        current = new Current(renewed, renewedExpiry);
        logger.info("Renewed the OIDC access token of incus remote '" + remote + "' at " + issuer
                + (renewedExpiry != null ? "; valid until " + renewedExpiry : ""));
        return renewed;
    }

    /** The public client the command line signed in as: the ID token's audience, else the access token's client. */
    private static @Nullable String clientId(Map<String, Object> tokens, JwtClaims access) {
        String idToken = text(tokens, "IDToken");
        if (idToken != null) {
            try {
                String audience = JwtClaims.read(idToken).audience();
                if (audience != null) {
                    return audience;
                }
            } catch (IllegalArgumentException notAJwt) {
                // fall back on the access token's claims
            }
        }
        String clientId = access.text("client_id");
        return clientId != null ? clientId : access.text("azp");
    }

    private Map<String, Object> exchange(String issuer, String clientId, String refreshToken, String why) {
        HttpClient client = http();
        try {
            URI discovery = URI.create(issuer.endsWith("/") ? issuer + ".well-known/openid-configuration"
                    : issuer + "/.well-known/openid-configuration");
            HttpResponse<String> document = client.send(HttpRequest.newBuilder(discovery).timeout(HTTP_TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            String tokenEndpoint = document.statusCode() == 200 ? text(parse(document.body()), "token_endpoint") : null;
            if (tokenEndpoint == null) {
                throw cannotRenew(why, "the discovery document of " + issuer + " (HTTP " + document.statusCode()
                        + ") names no token_endpoint");
            }
            String form = "grant_type=refresh_token&refresh_token=" + encode(refreshToken) + "&client_id="
                    + encode(clientId);
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                    .timeout(HTTP_TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Object> body = answer.body().isBlank() ? Map.of() : parse(answer.body());
            if (answer.statusCode() != 200) {
                // RFC 6749's error and error_description, never the body itself: it could echo the token.
                String error = text(body, "error");
                String description = text(body, "error_description");
                throw cannotRenew(why, "the identity provider " + issuer + " refused the refresh token (HTTP "
                        + answer.statusCode() + (error != null ? " " + error : "")
                        + (description != null ? ": " + description : "") + ")");
            }
            return body;
        } catch (IOException e) {
            throw cannotRenew(why, "the identity provider " + issuer + " could not be reached (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cannotRenew(why, "the renewal was interrupted");
        } catch (IllegalArgumentException e) {
            throw cannotRenew(why, "the identity provider " + issuer + " answered something else than JSON");
        }
    }

    private static @Nullable Instant expiryOf(String token, @Nullable Object expiresIn) {
        try {
            Instant expiry = JwtClaims.read(token).expiry();
            if (expiry != null) {
                return expiry;
            }
        } catch (IllegalArgumentException opaque) {
            // then expires_in says it, if anything does
        }
        return expiresIn instanceof Number seconds ? Instant.now().plusSeconds(seconds.longValue()) : null;
    }

    /** The file's tokens: from memory while the file has not changed since it was last read or written. */
    private Map<String, Object> read() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (stored != null && modified.equals(storedTime)) {
                return stored;
            }
            Map<String, Object> tokens = parse(Files.readString(file, StandardCharsets.UTF_8));
            stored = tokens;
            storedTime = modified;
            return tokens;
        } catch (IOException e) {
            throw new IllegalStateException("The incus command line's OIDC tokens for remote '" + remote + "' ("
                    + file + ") cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "). "
                    + "Sign in with the incus command line: " + signIn, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The incus command line's OIDC tokens for remote '" + remote + "' ("
                    + file + ") are not the JSON it writes. Sign in again with the incus command line: " + signIn);
        }
    }

    /**
     * Writes the tokens as the command line does, readable by the owner only, through a new file
     * moved into place so that the command line never reads half a file. If the file cannot be
     * written (a read-only mount), the tokens are kept in memory.
     */
    private void store(Map<String, Object> tokens) {
        stored = tokens;
        Path temporary = file.resolveSibling("." + file.getFileName() + ".incus4j.tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temporary, JSON.writeValueAsBytes(tokens));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            storedTime = Files.getLastModifiedTime(file);
        } catch (IOException | UnsupportedOperationException e) {
            logger.warn("The renewed OIDC tokens of incus remote '" + remote + "' cannot be written to " + file + " ("
                    + e.getMessage() + "); this application keeps them in memory, and the incus command line may have "
                    + "to sign in again");
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    private IllegalStateException cannotRenew(String why, String reason) {
        return new IllegalStateException("The OIDC access token the incus command line stored for remote '" + remote
                + "' (" + file + ") cannot be used: " + why + ", and it cannot be renewed: " + reason + ". Sign in "
                + "again with the incus command line: " + signIn);
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return http;
    }

    private static Map<String, Object> parse(String json) {
        try {
            Map<String, Object> value = JSON.readValue(json, OBJECT);
            if (value == null) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return value;
        } catch (JacksonException e) {
            // Jackson quotes what it could not read, which may be a token.
            throw new IllegalArgumentException("not a JSON object");
        }
    }

    private static @Nullable String text(Map<String, Object> map, String name) {
        Object value = map.get(name);
        return value instanceof String text && !text.isBlank() ? text : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "CliOidcTokens[remote=" + remote + ", file=" + file + "]";
    }
}
