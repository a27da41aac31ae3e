package io.github.incus4j.test.oidc;

import io.github.incus4j.test.IncusDaemon;

/** The end of an OIDC test class on the shared daemon. */
final class OidcCleanup {

    private OidcCleanup() {
    }

    /** Unsets oidc.* on the daemon (other classes share it), then stops the provider, whatever fails. */
    static void resetAndStop(IncusDaemon daemon, OidcProvider provider) {
        try {
            if (daemon != null) {
                IncusOidcConfig.reset(daemon);
            }
        } finally {
            if (provider != null) {
                provider.close();
            }
        }
    }
}
