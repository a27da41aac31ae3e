package io.github.incus4j.test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A throw-away Incus daemon for tests: {@code incusd} running as a child of this JVM in a fresh
 * temporary directory, ready to use.
 *
 * <p>{@link #start()} returns a daemon that has
 * <ul>
 *   <li>a Unix socket at {@link #socketPath()} (full access, as root),</li>
 *   <li>a storage pool {@code default} (driver {@code dir}) used by the default profile's root disk,</li>
 *   <li>a BusyBox container image under the alias {@code busybox} ({@link #image()}), built locally,
 *       so no image server or network is needed,</li>
 *   <li>an HTTPS listener on a free loopback port ({@link #httpsUrl()}) with the server certificate at
 *       {@link #serverCertificate()},</li>
 *   <li>a client certificate that is already trusted ({@link #trustedClient()}).</li>
 * </ul>
 * No network is created: containers launched from the image have no network interface, which is
 * enough for lifecycle, exec and file tests.
 *
 * <p>{@link #close()} stops the daemon and its containers and deletes everything it created. A JVM
 * shutdown hook does the same if the JVM exits while the daemon is still open, so an interrupted
 * test run leaves no daemon, mount or directory behind. In JUnit tests, prefer
 * {@link IncusIntegrationTest}, which starts, shares and closes daemons for you.
 *
 * <p>Requirements: Linux, root, Incus ({@code /usr/libexec/incus/incusd} and {@code incus} on the
 * PATH), a statically linked {@code /bin/busybox}, and {@code openssl}. {@link #unavailableReason()}
 * checks them.
 *
 * <p>Instances are safe to use from several threads; lifecycle methods ({@link #stop()},
 * {@link #restart()}, {@link #kill()}, {@link #close()}) are serialised.
 */
public final class IncusDaemon implements AutoCloseable {

    private static final String DIRECTORY_PREFIX = "incus-test-";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration HTTPS_TIMEOUT = Duration.ofSeconds(15);
    private static final int HTTPS_PORT_ATTEMPTS = 3;

    private enum State { RUNNING, STOPPED, KILLED, CLOSED }

    private final Incusd incusd;
    private final Path directory;
    private final Path workDirectory;
    private final CredentialsFactory credentialsFactory;
    private final Thread shutdownHook;

    private volatile State state = State.STOPPED;
    private volatile int httpsPort;
    private volatile BusyboxImage image;
    private volatile ClientCredentials trustedClient;
    private volatile String version = "unknown";

    private IncusDaemon(Path directory, Path workDirectory) throws IOException {
        this.directory = directory;
        this.workDirectory = workDirectory;
        this.incusd = new Incusd(directory, workDirectory);
        Path credentials = Files.createDirectory(workDirectory.resolve("credentials"));
        this.credentialsFactory = new CredentialsFactory(Prerequisites.require("openssl"), credentials, incusd.runner());
        this.shutdownHook = new Thread(this::closeFromShutdownHook, "incus-test-cleanup-" + directory.getFileName());
    }

    /**
     * Tells why no daemon can be started on this machine.
     *
     * <p>Checks, in this order: the operating system is Linux; the process runs as root;
     * {@code /usr/libexec/incus/incusd} exists; {@code incus} is on the PATH; {@code /bin/busybox}
     * exists and is statically linked; {@code openssl} is on the PATH. It does not start anything.
     *
     * @return a sentence naming the first missing requirement and how to fix it, or empty when a
     *         daemon can be started
     */
    public static Optional<String> unavailableReason() {
        return Prerequisites.unavailableReason(Prerequisites.Host.current());
    }

    /**
     * Starts a new daemon and prepares it as described in the class documentation. Takes about
     * two seconds.
     *
     * <p>Prints one line to {@code System.err} naming the Incus version, directory, socket and
     * HTTPS address, so build logs show that tests ran against a real daemon.
     *
     * @return the running daemon; close it when done
     * @throws IncusDaemonException if a requirement is missing ({@link #unavailableReason()}) or any
     *                              step fails; the message names the step and ends with the last
     *                              lines of the daemon's log. Nothing is left behind in that case.
     */
    public static IncusDaemon start() {
        Optional<String> unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            throw new IncusDaemonException("Cannot start an Incus daemon here: " + unavailable.get());
        }
        long began = System.nanoTime();
        IncusDaemon daemon = create();
        try {
            daemon.boot();
        } catch (RuntimeException e) {
            // Read the log before close() deletes it: it usually says why incusd was unhappy.
            String log = daemon.incusd.logSection();
            daemon.close();
            throw new IncusDaemonException("Could not start a throw-away Incus daemon in " + daemon.directory + ": "
                    + e.getMessage() + log, e);
        }
        System.err.printf("[incus-test] started incusd %s in %s (socket %s, https %s) in %.1f s%n",
                daemon.version, daemon.directory, daemon.socketPath(), daemon.httpsUrl(),
                (System.nanoTime() - began) / 1e9);
        return daemon;
    }

    private static IncusDaemon create() {
        DaemonSetup.Directories directories = DaemonSetup.createDirectories(DIRECTORY_PREFIX);
        try {
            IncusDaemon daemon = new IncusDaemon(directories.directory(), directories.workDirectory());
            Runtime.getRuntime().addShutdownHook(daemon.shutdownHook);
            return daemon;
        } catch (IOException | RuntimeException e) {
            FileTrees.delete(directories.directory(), List.of());
            FileTrees.delete(directories.workDirectory(), List.of());
            throw new IncusDaemonException("Cannot prepare the work files in " + directories.workDirectory() + ": " + e, e);
        }
    }

    private void boot() {
        launchProcess();
        incusOrFail("storage", "create", "default", "dir");
        incusOrFail("profile", "device", "add", "default", "root", "disk", "path=/", "pool=default");
        image = DaemonSetup.importBusyboxImage(incusd, workDirectory.resolve("image"));
        enableHttps();
        trustedClient = credentialsFactory.create(DaemonSetup.TRUSTED_CLIENT_NAME);
        trust(trustedClient);
        version = DaemonSetup.serverVersion(incusd);
    }

    /** Starts incusd on {@link #directory} and waits until its API answers. */
    private void launchProcess() {
        incusd.startProcess();
        state = State.RUNNING;
        incusd.awaitReady(READY_TIMEOUT);
    }

    /**
     * Binds the HTTPS API to a free loopback port. The port is free when chosen but could be taken
     * before incusd binds it, hence a few attempts with fresh ports.
     */
    private void enableHttps() {
        String lastProblem = "";
        for (int attempt = 1; attempt <= HTTPS_PORT_ATTEMPTS; attempt++) {
            int port = Ports.freeLoopbackPort();
            CommandResult set = incus("config", "set", "core.https_address", "127.0.0.1:" + port);
            if (!set.succeeded()) {
                lastProblem = set.stderr().strip();
            } else if (Ports.awaitListening(port, HTTPS_TIMEOUT)) {
                httpsPort = port;
                return;
            } else {
                lastProblem = "nothing listens on 127.0.0.1:" + port + " after " + HTTPS_TIMEOUT.toSeconds() + " s";
            }
        }
        throw new IncusDaemonException("Cannot enable the HTTPS API after " + HTTPS_PORT_ATTEMPTS + " attempts: "
                + lastProblem);
    }

    /**
     * The daemon's directory ({@code INCUS_DIR}): a fresh directory directly below {@code /tmp}
     * with a short name, because the Unix socket inside must have a path of at most 108 bytes.
     *
     * @return the absolute, real path of the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * The daemon's Unix socket. Over it every request is trusted (the connecting user is root).
     *
     * @return {@code directory()/unix.socket}
     */
    public Path socketPath() {
        return directory.resolve("unix.socket");
    }

    /**
     * The base URL of the HTTPS API. The port stays the same across {@link #restart()}.
     *
     * @return {@code https://127.0.0.1:<port>}
     */
    public URI httpsUrl() {
        return URI.create("https://127.0.0.1:" + httpsPort);
    }

    /**
     * The daemon's self-signed TLS server certificate. Its subject alternative names include
     * {@code 127.0.0.1}.
     *
     * @return the PEM file {@code directory()/server.crt}
     */
    public Path serverCertificate() {
        return directory.resolve("server.crt");
    }

    /**
     * The client certificate made for this daemon and added to its trust store, so HTTPS requests
     * made with it get {@code "auth": "trusted"}.
     *
     * @return the trusted credentials, named {@code incus-test}
     */
    public ClientCredentials trustedClient() {
        return trustedClient;
    }

    /**
     * Makes a new self-signed client certificate that the daemon does NOT trust; HTTPS requests made
     * with it get {@code "auth": "untrusted"}. Pass it to {@link #trust(ClientCredentials)} to trust it.
     *
     * @param name the certificate's common name: 1-63 letters, digits, {@code .}, {@code _} or
     *             {@code -}; may repeat across calls
     * @return the credentials; their files are deleted by {@link #close()}
     * @throws IllegalArgumentException if the name has other characters
     * @throws IllegalStateException    if the daemon is closed
     */
    public ClientCredentials newClientCredentials(String name) {
        ensureOpen();
        return credentialsFactory.create(name);
    }

    /**
     * Adds a client certificate to the daemon's trust store, like
     * {@code incus config trust add-certificate <crt> --name <name>}.
     *
     * @param credentials the credentials to trust; their name becomes the trust store entry's name
     * @throws IncusDaemonException if the daemon refuses, for example because the certificate is
     *                              already trusted
     */
    public void trust(ClientCredentials credentials) {
        ensureOpen();
        DaemonSetup.trust(incusd, credentials);
    }

    /**
     * The alias of the BusyBox image imported into the daemon.
     *
     * @return {@code "busybox"}
     */
    public String imageAlias() {
        return DaemonSetup.IMAGE_ALIAS;
    }

    /**
     * The fingerprint of the imported BusyBox image, as the daemon reports it.
     *
     * @return 64 lowercase hex digits
     */
    public String imageFingerprint() {
        return image.fingerprint();
    }

    /**
     * The BusyBox image files, in unified and split form, for tests that import images themselves.
     *
     * @return the image built for this daemon
     */
    public BusyboxImage image() {
        return image;
    }

    /**
     * The version the daemon reports, for example {@code 6.0.4}.
     *
     * @return the server version
     */
    public String version() {
        return version;
    }

    /**
     * Runs the {@code incus} command line against this daemon, with {@code INCUS_DIR} set to
     * {@link #directory()} and a private, initially empty {@code INCUS_CONF}. The command gets no
     * input and is killed after 60 seconds.
     *
     * <p>For example {@code daemon.incus("launch", "busybox", "c1")} or
     * {@code daemon.incus("exec", "c1", "--", "echo", "hello")}.
     *
     * @param args the arguments after {@code incus}
     * @return exit code and output, whatever the exit code
     * @throws IncusDaemonException  if the command cannot be started or does not finish in time
     * @throws IllegalStateException if the daemon is closed
     */
    public CommandResult incus(String... args) {
        ensureOpen();
        return incusd.incus(args);
    }

    /**
     * Like {@link #incus(String...)}, for commands that must succeed.
     *
     * @param args the arguments after {@code incus}
     * @return what the command wrote to standard output
     * @throws IncusDaemonException if the exit code is not 0; the message has the command and its
     *                              standard error
     */
    public String incusOrFail(String... args) {
        return Incusd.succeeded(incus(args), args);
    }

    /**
     * The process id of the current (or, after {@link #stop()} or {@link #kill()}, the last) incusd
     * process.
     *
     * @return the pid
     */
    public long pid() {
        return incusd.pid();
    }

    /**
     * Shuts the daemon down gracefully ({@code incus admin shutdown}: running containers are stopped
     * first) and keeps its directory, so {@link #restart()} can bring it back. Does nothing if the
     * daemon is not running.
     *
     * @throws IncusDaemonException  if the daemon does not exit within about 30 seconds; it is then
     *                               killed, and the message has the end of its log
     * @throws IllegalStateException if the daemon is closed
     */
    public synchronized void stop() {
        ensureOpen();
        if (state != State.RUNNING) {
            return;
        }
        boolean graceful = incusd.shutDownGracefully();
        state = graceful ? State.STOPPED : State.KILLED;
        if (!graceful) {
            throw new IncusDaemonException("incusd did not shut down within " + Incusd.SHUTDOWN_TIMEOUT_SECONDS
                    + " s and was killed" + incusd.logSection());
        }
    }

    /**
     * Starts incusd again on the same directory, after {@link #stop()} or {@link #kill()}, and waits
     * until it answers on the socket and the HTTPS port. Instances, images, configuration and trusted
     * certificates are kept; the socket path, HTTPS port and server certificate stay the same.
     * A running daemon is stopped first.
     *
     * @throws IncusDaemonException  if the daemon does not come back; the message has the end of its log
     * @throws IllegalStateException if the daemon is closed
     */
    public synchronized void restart() {
        ensureOpen();
        if (state == State.RUNNING) {
            stop();
        }
        try {
            launchProcess();
            if (!Ports.awaitListening(httpsPort, HTTPS_TIMEOUT)) {
                throw new IncusDaemonException("nothing listens on the HTTPS port " + httpsPort + " after "
                        + HTTPS_TIMEOUT.toSeconds() + " s");
            }
        } catch (RuntimeException e) {
            throw new IncusDaemonException("incusd did not come back on " + directory + ": " + e.getMessage()
                    + incusd.logSection(), e);
        }
    }

    /**
     * Kills the daemon process with SIGKILL, as a crash would, for fault-tolerance tests. Running
     * containers keep running (their monitor processes are separate) until {@link #restart()} adopts
     * them or {@link #close()} stops them. The directory is kept. Does nothing if the daemon is not
     * running.
     *
     * @throws IncusDaemonException  if the process is still there 10 seconds after SIGKILL
     * @throws IllegalStateException if the daemon is closed
     */
    public synchronized void kill() {
        ensureOpen();
        if (state != State.RUNNING) {
            return;
        }
        state = State.KILLED;
        incusd.kill();
    }

    /**
     * Stops the daemon and removes every trace of it: stops it gracefully (killing it if that takes
     * more than about 30 seconds), stops containers left running by a {@link #kill()}ed daemon,
     * unmounts whatever is still mounted below {@link #directory()} (deepest first, lazily), then
     * deletes the directory, the log and all credential and image files.
     *
     * <p>Idempotent, and never throws: cleanup problems are reported on {@code System.err} so they do
     * not hide the outcome of the test that used the daemon.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            try {
                new DaemonCleanup(incusd, () -> incusd.reviveAndShutDown(READY_TIMEOUT)).run();
            } finally {
                state = State.CLOSED;
            }
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmIsShuttingDown) {
                // The hook is running or about to run; it will find the daemon closed.
            }
        }
    }

    private void closeFromShutdownHook() {
        if (state != State.CLOSED) {
            System.err.println("[incus-test] JVM is exiting: cleaning up the Incus daemon in " + directory);
            close();
        }
    }

    @Override
    public String toString() {
        return "IncusDaemon[" + directory + ", " + state.name().toLowerCase(Locale.ROOT)
                + (incusd.process() == null ? "" : ", pid " + incusd.pid()) + "]";
    }

    private void ensureOpen() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("This Incus daemon has been closed: " + directory);
        }
    }
}
