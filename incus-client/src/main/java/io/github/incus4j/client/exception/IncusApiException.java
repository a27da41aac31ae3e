package io.github.incus4j.client.exception;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Incus daemon answered a request with an error.
 *
 * <p>Carries what the daemon said: the HTTP status, the envelope's {@code error_code} and
 * {@code error} text, and the method and path of the request. Common statuses have their own
 * subclasses ({@link IncusAuthenticationException}, {@link IncusNotFoundException}, {@link IncusForbiddenException},
 * {@link IncusConflictException}, {@link IncusPreconditionFailedException}); everything else,
 * including server errors ({@link #isServerError()}), is an instance of this class. One HTTP 500
 * is not a server error: the refusal of a certificate restricted to other projects, which some
 * endpoints of Incus 6.0 send as 500, is an {@link IncusForbiddenException} (see there).
 */
public class IncusApiException extends IncusException {

    private static final long serialVersionUID = 1L;

    /**
     * The texts of the daemon's TLS authorizer when a restricted certificate asks for a project
     * outside its list (on list endpoints: "permissions", on single objects: "permission") or for
     * a server-wide object. Measured on Incus 6.0.4; later versions' sources have the same texts.
     */
    private static final Pattern PROJECT_RESTRICTION = Pattern.compile(
            "User does not have permissions? for project \"[^\"]*\"|Certificate is restricted");

    /** The HTTP status of the answer. */
    private final int status;
    /** The envelope's {@code error_code}. */
    private final int errorCode;
    /** The daemon's error text. */
    private final String serverMessage;
    /** The HTTP method of the request. */
    private final String method;
    /** The request path, without its query. */
    private final String path;
    /** What the request was about, in the caller's terms, when the path alone does not say it. */
    private @Nullable String about;

    /**
     * Creates an exception for an error answer.
     *
     * @param status the HTTP status of the answer
     * @param errorCode the envelope's {@code error_code} (0 when absent)
     * @param serverMessage the envelope's {@code error} text, as the daemon wrote it
     * @param method the HTTP method of the request
     * @param path the request path, without the query string
     */
    public IncusApiException(int status, int errorCode, String serverMessage, String method, String path) {
        this(status, errorCode, serverMessage, method, path, null);
    }

    /**
     * Creates an exception for an error answer, or for a request that failed before it got one.
     *
     * @param status the HTTP status of the answer, 0 when there was none
     * @param errorCode the envelope's {@code error_code} (0 when absent)
     * @param serverMessage the envelope's {@code error} text, as the daemon wrote it
     * @param method the HTTP method of the request
     * @param path the request path, without the query string
     * @param cause the underlying failure, if any
     */
    protected IncusApiException(int status, int errorCode, String serverMessage, String method, String path,
            @Nullable Throwable cause) {
        super(describe(status, serverMessage, method, path), cause);
        this.status = status;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
        this.method = method;
        this.path = path;
    }

    /**
     * Creates the exception that matches the HTTP status: a dedicated subclass for 401, 403, 404,
     * 409 and 412, this class otherwise. An HTTP 500 whose text is exactly the daemon's refusal of a
     * restricted certificate ({@code User does not have permissions for project "p2"} or
     * {@code Certificate is restricted}) is an {@link IncusForbiddenException} that keeps the 500
     * as its {@link #status()}; any other 500 stays a server error of this class.
     *
     * @param status the HTTP status of the answer
     * @param errorCode the envelope's {@code error_code}
     * @param serverMessage the envelope's {@code error} text
     * @param method the HTTP method of the request
     * @param path the request path
     * @return the exception to throw
     */
    public static IncusApiException of(int status, int errorCode, String serverMessage, String method, String path) {
        if (status == 500 && isProjectRestriction(serverMessage)) {
            return new IncusForbiddenException(status, errorCode, serverMessage, method, path);
        }
        return switch (status) {
            case 401 -> new IncusAuthenticationException(status, errorCode, serverMessage, method, path);
            case 403 -> new IncusForbiddenException(errorCode, serverMessage, method, path);
            case 404 -> new IncusNotFoundException(errorCode, serverMessage, method, path);
            case 409 -> new IncusConflictException(errorCode, serverMessage, method, path);
            case 412 -> new IncusPreconditionFailedException(errorCode, serverMessage, method, path);
            default -> new IncusApiException(status, errorCode, serverMessage, method, path);
        };
    }

    /**
     * Creates the exception that matches the HTTP status, as {@link #of(int, int, String, String, String)}
     * does, with a message that begins with what went wrong in the caller's terms, for answers whose
     * request path alone does not say what it was about (such as a file's path inside an
     * instance, which travels in the query). The message goes on with the method, path, status and
     * the daemon's text, but without the general hint for the status, which {@code about} replaces.
     *
     * @param status the HTTP status of the answer
     * @param errorCode the envelope's {@code error_code}
     * @param serverMessage the envelope's {@code error} text
     * @param method the HTTP method of the request
     * @param path the request path
     * @param about what went wrong, such as {@code /etc/x does not exist in instance 'c1'}
     * @return the exception to throw
     */
    public static IncusApiException of(int status, int errorCode, String serverMessage, String method, String path,
            String about) {
        IncusApiException exception = of(status, errorCode, serverMessage, method, path);
        exception.about = about;
        return exception;
    }

    @Override
    public String getMessage() {
        if (about == null) {
            return super.getMessage();
        }
        String text = serverMessage.isEmpty() ? "(no message)" : serverMessage;
        return about + " (" + method + " " + path + " failed with HTTP " + status + ": " + text + ")";
    }

    static boolean isProjectRestriction(String serverMessage) {
        return PROJECT_RESTRICTION.matcher(serverMessage).matches();
    }

    private static String describe(int status, String serverMessage, String method, String path) {
        String text = serverMessage.isEmpty() ? "(no message)" : serverMessage;
        return method + " " + path + " failed with HTTP " + status + ": " + text + hint(status, serverMessage);
    }

    private static String hint(int status, String serverMessage) {
        if ((status == 403 || status == 500) && isProjectRestriction(serverMessage)) {
            return ". The client certificate is restricted to other projects: use one of its projects "
                    + "(IncusClient.project(...)), or add this project to the certificate's projects on the server "
                    + "('incus config trust edit <fingerprint>')";
        }
        if (status == 403 && serverMessage.equals("Permission denied")) {
            // Measured on Incus 6.0.4: the text of a refusal by authorization.scriptlet (or OpenFGA),
            // which applies to OIDC identities; certificates are refused with other texts.
            return ". The server's authorization (authorization.scriptlet or OpenFGA) does not allow this identity "
                    + "this request: ask the server's administrator for the permission, or use an identity that has it";
        }
        return switch (status) {
            case 403 -> ". The client certificate is not trusted for this request: add it on the server with "
                    + "'incus config trust add-certificate <client.crt>' (or restrict/allow its project)";
            case 412 -> ". The object changed since it was read: read it again and retry with the new ETag";
            default -> "";
        };
    }

    /**
     * Returns the HTTP status of the answer.
     *
     * @return the status, such as 404
     */
    public int status() {
        return status;
    }

    /**
     * Returns the envelope's {@code error_code}, usually equal to the HTTP status.
     *
     * @return the error code, or 0 when the answer had none
     */
    public int errorCode() {
        return errorCode;
    }

    /**
     * Returns the error text exactly as the daemon wrote it.
     *
     * @return the daemon's message, possibly empty
     */
    public String serverMessage() {
        return serverMessage;
    }

    /**
     * Returns the HTTP method of the failed request.
     *
     * @return the method, such as {@code PUT}
     */
    public String method() {
        return method;
    }

    /**
     * Returns the path of the failed request, without its query string.
     *
     * @return the path, such as {@code /1.0/instances/c1}
     */
    public String path() {
        return path;
    }

    /**
     * Tells whether the daemon reported a failure of its own (HTTP 5xx).
     *
     * @return {@code true} for a status of 500 or more, except for an {@link IncusForbiddenException}
     *     (a refusal, even when the daemon sent it as 500)
     */
    public boolean isServerError() {
        return status >= 500;
    }

}
