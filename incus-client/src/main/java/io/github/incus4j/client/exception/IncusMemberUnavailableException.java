package io.github.incus4j.client.exception;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A cluster member that had to answer the request is down or cut off: the member the client
 * talked to tried to forward the request (to the member named by {@code target}, or to the one
 * that holds the instance or volume) and could not reach it.
 *
 * <p>Incus answers these with HTTP 500 and one of three texts, measured on Incus 6.0.4 with a
 * member killed: the first forwarded request blocks about 10 s and gets
 * {@code Missing event connection with target cluster member}; later ones fail at once with
 * {@code Server isn't ready yet}; a creation placed on the member gets
 * {@code Unable to connect to: <address> (...)}. Requests that need no particular member keep
 * working through any other member, and the member's own address refuses connections (the client
 * then moves on to its next address by itself).
 *
 * <p>What to do: wait for the member to come back (the cluster marks it offline after
 * {@code cluster.offline_threshold}, 20 s by default, and it rejoins when it restarts), evacuate it
 * so that its instances start elsewhere ({@code incus cluster evacuate <member>}), or send the
 * request to another member with {@code IncusClient.target(...)}.
 */
public class IncusMemberUnavailableException extends IncusApiException {

    private static final long serialVersionUID = 1L;

    private static final Pattern FORWARDING_FAILURE = Pattern.compile(
            "Missing event connection with target cluster member|Server isn't ready yet|Unable to connect to: ");

    private static final Pattern ADDRESS = Pattern.compile("Unable to connect to: ([^\\s(\\[]+)");

    /** The member the request named with {@code target}, if it did. */
    private final @Nullable String member;
    /** The address the daemon could not reach, if it said. */
    private final @Nullable String memberAddress;

    /**
     * Creates the exception from the daemon's answer.
     *
     * @param answer the error as the daemon sent it
     * @param member the member the request was sent to with {@code target}, or {@code null} when
     *     the daemon chose it (an instance or volume located there)
     */
    public IncusMemberUnavailableException(IncusApiException answer, @Nullable String member) {
        super(answer.status(), answer.errorCode(), answer.serverMessage(), answer.method(), answer.path());
        this.member = member;
        Matcher address = ADDRESS.matcher(answer.serverMessage());
        this.memberAddress = address.find() ? address.group(1) : null;
    }

    /**
     * Tells whether an error answer is a cluster member's failure to forward a request to another
     * member.
     *
     * @param status the HTTP status
     * @param serverMessage the daemon's error text
     * @return {@code true} for the answers this class stands for
     */
    public static boolean isForwardingFailure(int status, String serverMessage) {
        return status == 500 && FORWARDING_FAILURE.matcher(serverMessage).find();
    }

    /**
     * Returns the member the request was meant for.
     *
     * @return the member's name as given to {@code target(...)}, or {@code null} when the cluster
     *     chose the member (the daemon's answer does not name it then)
     */
    public @Nullable String member() {
        return member;
    }

    /**
     * Returns the cluster address of the member that could not be reached, when the daemon said.
     *
     * @return an address such as {@code 10.0.0.3:8443}, or {@code null}
     */
    public @Nullable String memberAddress() {
        return memberAddress;
    }

    @Override
    public String getMessage() {
        String which = member != null ? "member '" + member + "'" : "member that holds this resource";
        String where = memberAddress != null ? " at " + memberAddress : "";
        return super.getMessage() + ". The cluster " + which + where + " does not answer the member that received "
                + "the request: it is down, restarting or cut off. Wait for it (the cluster marks it offline after "
                + "cluster.offline_threshold, 20 s by default, and it rejoins when it restarts), evacuate it "
                + "('incus cluster evacuate <member>') so that its instances start elsewhere, or send the request "
                + "to another member with IncusClient.target(...)";
    }
}
