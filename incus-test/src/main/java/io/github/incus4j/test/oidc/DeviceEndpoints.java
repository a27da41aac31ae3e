package io.github.incus4j.test.oidc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two ends of the device authorization grant (RFC 8628) that are not the token endpoint: the
 * device authorization endpoint, where a client gets a device code and a user code, and the
 * verification URL a person would open in a browser.
 *
 * <p>This provider has no login page: fetching the verification URL with {@code user_code} approves
 * the code at once, for the first registered user, or for the user whose subject is given as
 * {@code user}; {@code deny=true} denies it instead. So a {@code BROWSER} script that merely fetches
 * the URL completes the flow.
 */
final class DeviceEndpoints {

    private final ClientRegistry clients;
    private final DeviceAuthorizations devices;
    private final List<OidcUser> users;
    private final String verificationUri;
    private final Duration pollInterval;

    DeviceEndpoints(ClientRegistry clients, DeviceAuthorizations devices, List<OidcUser> users,
                    String verificationUri, Duration pollInterval) {
        this.clients = clients;
        this.devices = devices;
        this.users = List.copyOf(users);
        this.verificationUri = verificationUri;
        this.pollInterval = pollInterval;
    }

    /** {@code POST} device authorization: RFC 8628, sections 3.1 and 3.2. */
    Reply authorize(HttpCall call) throws OAuthException {
        OidcClient client = clients.authenticate(call);
        String scope = call.formValue("scope");
        String audience = call.formValue("audience");
        DeviceAuthorizations.Started started = devices.start(client,
                scope == null || scope.isBlank() ? null : scope,
                audience == null || audience.isBlank() ? null : audience);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("device_code", started.deviceCode());
        answer.put("user_code", started.userCode());
        answer.put("verification_uri", verificationUri);
        answer.put("verification_uri_complete", verificationUri + "?user_code=" + started.userCode());
        answer.put("expires_in", started.expiresIn().toSeconds());
        // Without an interval the incus command line polls with a zero timeout and fails at once.
        answer.put("interval", pollInterval.toSeconds());
        return Reply.sensitiveJson(200, answer);
    }

    /** {@code GET} verification URL: approves or denies a user code. */
    Reply verify(HttpCall call) {
        String userCode = call.query().get("user_code");
        if (userCode == null || userCode.isBlank()) {
            return Reply.text(400, "Add ?user_code=XXXX-XXXX to approve a device code "
                    + "(and &user=<subject> to pick the user, or &deny=true to deny it).");
        }
        boolean deny = "true".equalsIgnoreCase(call.query().get("deny"));
        OidcUser user = null;
        if (!deny) {
            Optional<OidcUser> chosen = chooseUser(call.query().get("user"));
            if (chosen.isEmpty()) {
                return Reply.text(400, "No registered user has the subject " + call.query().get("user") + ".");
            }
            user = chosen.get();
        }
        return switch (devices.decide(userCode, user)) {
            case APPROVED -> Reply.text(200, "Approved: the device is signed in as " + user.subject() + ".");
            case DENIED -> Reply.text(200, "Denied: the device will not be signed in.");
            case UNKNOWN_CODE -> Reply.text(404, "Unknown user code.");
            case EXPIRED -> Reply.text(400, "This user code has expired.");
            case ALREADY_DECIDED -> Reply.text(409, "This user code was already approved or denied.");
        };
    }

    private Optional<OidcUser> chooseUser(String subject) {
        if (subject == null || subject.isBlank()) {
            return users.stream().findFirst();
        }
        return users.stream().filter(user -> user.subject().equals(subject)).findFirst();
    }
}
