package io.github.incus4j.test.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a stand-in web browser for the {@code incus} command line's OpenID Connect sign-in.
 *
 * <p>{@code incus remote add NAME URL --auth-type oidc} (and any later command whose tokens cannot be
 * refreshed) starts the device authorization grant and runs {@code $BROWSER <verification URL>}.
 * With {@code BROWSER} set to this script, the URL is simply fetched, which an {@link OidcProvider}
 * takes as the user's approval, so the command line signs in with no person and no TTY:
 * <pre>{@code
 * Path browser = BrowserScript.write(tempDir);
 * // run: INCUS_CONF=<dir> BROWSER=<browser> incus remote add sso https://127.0.0.1:8443 \
 * //          --auth-type oidc --accept-certificate
 * }</pre>
 *
 * <p>The script uses {@code curl}, else {@code wget}, else {@code busybox wget}, each with a
 * ten-second limit, and appends every URL it was given to {@code browser.log} next to itself.
 */
public final class BrowserScript {

    /** The script's file name. */
    public static final String FILE_NAME = "oidc-browser.sh";
    /** The log of fetched URLs, next to the script. */
    public static final String LOG_NAME = "browser.log";

    private static final String SCRIPT = """
            #!/bin/sh
            # Stand-in browser for the incus command line's OIDC device sign-in: fetching the
            # verification URL approves the device code at the test OIDC provider.
            printf '%s\\n' "$1" >> "$(dirname "$0")/browser.log"
            if command -v curl >/dev/null 2>&1; then
              exec curl -fsS -o /dev/null --max-time 10 "$1"
            elif command -v wget >/dev/null 2>&1; then
              exec wget -q -O /dev/null -T 10 "$1"
            else
              exec busybox wget -q -O /dev/null -T 10 "$1"
            fi
            """;

    private BrowserScript() {
    }

    /**
     * Writes the script, executable by its owner, into a directory.
     *
     * @param directory an existing directory; the script is {@code directory/oidc-browser.sh}
     * @return the script's path, the value for {@code BROWSER}
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path write(Path directory) {
        Path script = directory.resolve(FILE_NAME);
        try {
            Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the browser script " + script, e);
        }
    }
}
