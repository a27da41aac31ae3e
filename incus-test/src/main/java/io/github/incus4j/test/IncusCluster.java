package io.github.incus4j.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A throw-away Incus cluster for tests: several {@code incusd} processes on this machine, each in its
 * own temporary directory and on its own loopback address ({@code 127.0.0.1}, {@code 127.0.0.2},
 * ...), formed into one real cluster the way an administrator does it: the first member is
 * bootstrapped with a preseed, every other member joins with a join token issued by the cluster.
 *
 * <p>{@link #start()} returns a cluster of three members, all {@code ONLINE}, with
 * <ul>
 *   <li>for each member ({@link #members()}): a name ({@code member1}, ...), a Unix socket, an HTTPS
 *       URL on its own loopback address, a directory and a process id;</li>
 *   <li>one certificate that every member serves ({@link #certificate()}), whose subject alternative
 *       names cover {@code 127.0.0.1} only, as in real clusters;</li>
 *   <li>a client certificate that the whole cluster trusts ({@link #trustedClient()}); the trust store
 *       is cluster-wide;</li>
 *   <li>a storage pool {@code default} (driver {@code dir}) used by the default profile's root disk;</li>
 *   <li>the BusyBox image under the alias {@code busybox}, replicated to (up to) three members;</li>
 *   <li>{@code cluster.offline_threshold} at its minimum, 11 seconds, so a member that dies is shown
 *       {@code OFFLINE} after about 10 seconds, and {@code images.auto_update_interval} 0.</li>
 * </ul>
 * No network is created: managed bridges cannot be shared by members in one network namespace.
 *
 * <p>Fault tests: {@link #kill(Member)} a member (SIGKILL, as a crash), {@link #restart(Member)} it,
 * find the database {@link #leader()}, read a member's {@link #status(Member)}. Membership tests:
 * {@link #startUnjoinedMember()} and {@link #newJoinToken(String)} let a test join a further member
 * through the API itself ({@code PUT /1.0/cluster} on the new member), or {@link #join(Member)} does it
 * with the command line; {@link #remove(Member)} takes a member out again.
 *
 * <p>{@link #close()} force-stops the instances, shuts the members down in order (non-leaders first,
 * the database leader last), kills what a killed member left running, and removes every process,
 * mount, cgroup and file the cluster made. A JVM shutdown hook does the same if the JVM exits while
 * the cluster is open. In JUnit tests, prefer {@link IncusClusterTest}, which shares one cluster per
 * test run.
 *
 * <p>Requirements: those of {@link IncusDaemon} ({@link #unavailableReason()}), and loopback addresses
 * beyond {@code 127.0.0.1}, which Linux routes to the loopback interface by default.
 *
 * <p>Instances are safe to use from several threads; lifecycle methods are serialised.
 */
public final class IncusCluster implements AutoCloseable {

    /** The number of members of {@link #start()}: the smallest cluster with three database voters. */
    public static final int DEFAULT_SIZE = 3;
    /** The most members {@link #start(int)} accepts; an idle member uses about 70 MB of memory. */
    public static final int MAX_SIZE = 16;

    /** How many clusters {@link #start(int)} forms before it gives up, each in a new directory. */
    private static final int FORM_ATTEMPTS = 2;

    private static final String DIRECTORY_PREFIX = "incus-cluster-";
    private static final String MEMBER_PREFIX = "member";
    private static final String OFFLINE_THRESHOLD_SECONDS = "11";
    /** Incus's default {@code cluster.images_minimal_replica}. */
    private static final int IMAGE_REPLICAS = 3;

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** A restarted member waits for the cluster's database before it is ready. */
    private static final Duration RESTART_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ONLINE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int LOG_LINES_PER_MEMBER = 15;

    private enum State { RUNNING, KILLED, STOPPED, REMOVED }

    /**
     * One member of an {@link IncusCluster} (or a daemon started to join it): where it lives and how to
     * reach it. Commands and lifecycle operations go through the cluster, for example
     * {@code cluster.incus(member, "list")} or {@code cluster.kill(member)}.
     */
    public static final class Member {

        private final int index;
        private final String name;
        private final InetSocketAddress address;
        private final Incusd incusd;
        private volatile State state = State.STOPPED;
        private volatile boolean joined;

        private Member(int index, InetSocketAddress address, Incusd incusd) {
            this.index = index;
            this.name = MEMBER_PREFIX + index;
            this.address = address;
            this.incusd = incusd;
        }

        /**
         * The member's name in the cluster ({@code server_name}).
         *
         * @return {@code member1}, {@code member2}, ...; the numbers are never reused within a cluster
         */
        public String name() {
            return name;
        }

        /**
         * The member's directory ({@code INCUS_DIR}).
         *
         * @return an absolute path below the cluster's directory in {@code /tmp}
         */
        public Path directory() {
            return incusd.directory();
        }

        /**
         * The member's Unix socket; over it every request is trusted.
         *
         * @return {@code directory()/unix.socket}
         */
        public Path socketPath() {
            return incusd.directory().resolve("unix.socket");
        }

        /**
         * The member's address as the cluster knows it ({@code server_address}, the cluster URL's
         * host and port). A daemon from {@link IncusCluster#startUnjoinedMember()} listens there only
         * once it has joined; use this value as {@code server_address} in its join request.
         *
         * @return for example {@code 127.0.0.2:41023}
         */
        public String address() {
            return address.getHostString() + ":" + address.getPort();
        }

        /**
         * The base URL of the member's HTTPS API, which serves the cluster certificate
         * ({@link IncusCluster#certificate()}). The port stays the same across restarts.
         *
         * @return for example {@code https://127.0.0.2:41023}
         */
        public URI httpsUrl() {
            return URI.create("https://" + address());
        }

        /**
         * The process id of the member's current (or, after a kill, last) incusd process.
         *
         * @return the pid
         */
        public long pid() {
            return incusd.pid();
        }

        /**
         * Tells whether the member's incusd process is running (not killed, not removed).
         *
         * @return {@code true} while the process lives
         */
        public boolean isRunning() {
            return state == State.RUNNING && incusd.isAlive();
        }

        @Override
        public String toString() {
            return "Member[" + name + ", " + address() + ", " + state.name().toLowerCase(Locale.ROOT)
                    + (joined ? "" : ", not joined") + (incusd.process() == null ? "" : ", pid " + incusd.pid()) + "]";
        }
    }

    private final Path directory;
    private final Path workDirectory;
    private final CommandRunner runner;
    private final CredentialsFactory credentialsFactory;
    private final Thread shutdownHook;
    /** Every daemon the cluster started and has not removed, joined or not, in start order. */
    private final List<Member> daemons = new CopyOnWriteArrayList<>();

    private volatile boolean closed;
    private volatile int nextIndex = 1;
    private volatile BusyboxImage image;
    private volatile ClientCredentials trustedClient;
    private volatile String version = "unknown";

    private IncusCluster(Path directory, Path workDirectory) throws IOException {
        // Containers run as unprivileged ids and must be able to traverse down to their root file
        // system in <member>/containers: incusd opens up its own directory (711), not the one above.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
        this.directory = directory;
        this.workDirectory = workDirectory;
        Path credentials = Files.createDirectory(workDirectory.resolve("credentials"));
        this.runner = new CommandRunner(Files.createDirectory(workDirectory.resolve("command-output")));
        this.credentialsFactory = new CredentialsFactory(Prerequisites.require("openssl"), credentials, runner);
        this.shutdownHook = new Thread(this::closeFromShutdownHook, "incus-test-cleanup-" + directory.getFileName());
    }

    /**
     * Tells why no cluster can be started on this machine: the same checks as
     * {@link IncusDaemon#unavailableReason()}.
     *
     * @return a sentence naming the first missing requirement and how to fix it, or empty when a
     *         cluster can be started
     */
    public static Optional<String> unavailableReason() {
        return IncusDaemon.unavailableReason();
    }

    /**
     * Forms a cluster of {@value #DEFAULT_SIZE} members, as described in the class documentation.
     * Takes about 4 to 8 seconds on two cores.
     *
     * @return the cluster, every member {@code ONLINE}; close it when done
     * @throws IncusDaemonException if a requirement is missing or any step fails; the message names the
     *                              step and ends with the last lines of each member's log. Nothing is
     *                              left behind in that case.
     */
    public static IncusCluster start() {
        return start(DEFAULT_SIZE);
    }

    /**
     * Forms a cluster of {@code size} members. Prints one line to {@code System.err} with the time
     * it took, the Incus version and the members' addresses. A cluster that fails to form is closed
     * and a new one formed in a new directory, once ({@value #FORM_ATTEMPTS} attempts in all); the
     * last failure is thrown with the earlier one suppressed.
     *
     * @param size the number of members, 1 to {@value #MAX_SIZE}; members beyond the third become
     *             database stand-bys or plain members, as Incus decides
     * @return the cluster, every member {@code ONLINE}; close it when done
     * @throws IllegalArgumentException if {@code size} is out of range
     * @throws IncusDaemonException     if a requirement is missing or any step fails; nothing is left
     *                                  behind in that case
     */
    public static IncusCluster start(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("A cluster has 1 to " + MAX_SIZE + " members, not " + size);
        }
        Optional<String> unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            throw new IncusDaemonException("Cannot start an Incus cluster here: " + unavailable.get());
        }
        IncusDaemonException earlier = null;
        for (int attempt = 1; ; attempt++) {
            try {
                return formNew(size);
            } catch (IncusDaemonException e) {
                if (earlier != null) {
                    e.addSuppressed(earlier);
                }
                if (attempt == FORM_ATTEMPTS) {
                    throw e;
                }
                // Seen once in a full run: the bootstrap's `incus admin init --preseed` hung past its
                // 60 s on a daemon that had started normally. A new cluster in a new directory formed.
                System.err.println("[incus-test] forming the cluster failed, forming a new one: "
                        + e.getMessage().lines().findFirst().orElse(""));
                earlier = e;
            }
        }
    }

    /** One attempt: a new directory, new daemons and addresses; nothing is left behind when it fails. */
    private static IncusCluster formNew(int size) {
        long began = System.nanoTime();
        IncusCluster cluster = create();
        try {
            cluster.form(size);
        } catch (RuntimeException e) {
            String logs = cluster.logSections();
            cluster.close();
            throw new IncusDaemonException("Could not form a throw-away Incus cluster of " + size + " members in "
                    + cluster.directory + ": " + e.getMessage() + logs, e);
        }
        System.err.printf("[incus-test] cluster of %d members formed in %.1f s (incusd %s in %s: %s)%n", size,
                (System.nanoTime() - began) / 1e9, cluster.version, cluster.directory,
                cluster.daemons.stream().map(member -> member.name + " " + member.httpsUrl())
                        .collect(Collectors.joining(", ")));
        return cluster;
    }

    private static IncusCluster create() {
        DaemonSetup.Directories directories = DaemonSetup.createDirectories(DIRECTORY_PREFIX);
        try {
            IncusCluster cluster = new IncusCluster(directories.directory(), directories.workDirectory());
            Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
            return cluster;
        } catch (IOException | RuntimeException e) {
            FileTrees.delete(directories.directory(), List.of());
            FileTrees.delete(directories.workDirectory(), List.of());
            throw new IncusDaemonException("Cannot prepare the work files in " + directories.workDirectory() + ": " + e, e);
        }
    }

    private void form(int size) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(newMember());
        }
        // The daemons start in parallel; only the joins must happen one at a time.
        for (Member member : members) {
            member.incusd.startProcess();
            member.state = State.RUNNING;
        }
        for (Member member : members) {
            member.incusd.awaitReady(READY_TIMEOUT);
        }
        Member first = members.get(0);
        bootstrap(first);
        for (Member member : members.subList(1, members.size())) {
            joinWithPreseed(member);
        }
        awaitOnline(members, ONLINE_TIMEOUT);
        trustedClient = credentialsFactory.create(DaemonSetup.TRUSTED_CLIENT_NAME);
        DaemonSetup.trust(first.incusd, trustedClient);
        // Imported once all have joined, the image is replicated to the first three members at once.
        image = DaemonSetup.importBusyboxImage(first.incusd, workDirectory.resolve("image"));
        awaitImageReplicas(members, Math.min(members.size(), IMAGE_REPLICAS), ONLINE_TIMEOUT);
        try {
            Files.copy(first.directory().resolve("cluster.crt"), certificate(), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the cluster certificate of " + first.name, e);
        }
        version = DaemonSetup.serverVersion(first.incusd);
    }

    /** A daemon on the next free index and address, with its directories; not started yet. */
    private Member newMember() {
        int index = nextIndex++;
        if (index > 254) {
            throw new IncusDaemonException("No loopback address left for member " + index);
        }
        String name = MEMBER_PREFIX + index;
        InetAddress host;
        try {
            host = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) index});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("A four-byte address is always valid", e);
        }
        // Other daemons on this machine bind random 127.0.0.1 ports: take one that is free on this address now.
        InetSocketAddress address = new InetSocketAddress(host, Ports.freePort(host));
        try {
            Path memberDirectory = Files.createDirectory(directory.resolve(name));
            Path memberWork = Files.createDirectory(workDirectory.resolve(name),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Member member = new Member(index, address, new Incusd(memberDirectory, memberWork));
            daemons.add(member);
            return member;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directories of " + name + " in " + directory, e);
        }
    }

    /**
     * Makes {@code member} the cluster's first member. {@code cluster.offline_threshold} is set only
     * afterwards: incusd 6.0.4 panics on it in a preseed for a server that is not clustered yet.
     */
    private void bootstrap(Member member) {
        String preseed = "config:\n"
                + "  core.https_address: \"" + member.address() + "\"\n"
                + "  cluster.https_address: \"" + member.address() + "\"\n"
                + "  images.auto_update_interval: \"0\"\n"
                + "storage_pools:\n"
                + "- name: default\n"
                + "  driver: dir\n"
                + "profiles:\n"
                + "- name: default\n"
                + "  devices:\n"
                + "    root:\n"
                + "      path: /\n"
                + "      pool: default\n"
                + "      type: disk\n"
                + "cluster:\n"
                + "  server_name: " + member.name + "\n"
                + "  enabled: true\n";
        initWithPreseed(member, preseed);
        member.joined = true;
        member.incusd.incusOrFail("config", "set", "cluster.offline_threshold", OFFLINE_THRESHOLD_SECONDS);
    }

    /** Joins a started daemon as the command line does: {@code incus admin init --preseed} with a token. */
    private void joinWithPreseed(Member member) {
        String token = newJoinToken(member.name);
        String preseed = "cluster:\n"
                + "  enabled: true\n"
                + "  server_address: \"" + member.address() + "\"\n"
                + "  cluster_token: \"" + token + "\"\n"
                + "  member_config:\n"
                + "  - entity: storage-pool\n"
                + "    name: default\n"
                + "    key: source\n"
                + "    value: \"\"\n";
        initWithPreseed(member, preseed);
        member.joined = true;
    }

    private void initWithPreseed(Member member, String preseed) {
        Path file = member.incusd.workDirectory().resolve("preseed.yaml");
        try {
            Files.writeString(file, preseed, StandardCharsets.UTF_8);
            Incusd.succeeded(member.incusd.incusWithInput(file, "admin", "init", "--preseed"),
                    "admin", "init", "--preseed (" + member.name + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the preseed for " + member.name, e);
        } finally {
            try {
                Files.deleteIfExists(file); // it holds a join token
            } catch (IOException e) {
                System.err.println("[incus-test] cannot delete " + file + ": " + e.getMessage());
            }
        }
    }

    // ---- what tests read ----

    /**
     * The cluster's members, in the order they were started: those formed by {@link #start(int)} and
     * {@link #join(Member)}ed ones, killed ones included, removed ones not. A daemon from
     * {@link #startUnjoinedMember()} appears here once it has joined, however it joined.
     *
     * @return the members, a snapshot
     * @throws IllegalStateException if the cluster is closed
     */
    public List<Member> members() {
        ensureOpen();
        noticeJoins();
        return daemons.stream().filter(member -> member.joined).toList();
    }

    /**
     * Finds a member by name.
     *
     * @param name a member's name, such as {@code member2}
     * @return the member
     * @throws IllegalArgumentException if the cluster has no such member (or it was removed)
     * @throws IllegalStateException    if the cluster is closed
     */
    public Member member(String name) {
        ensureOpen();
        return daemons.stream().filter(member -> member.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No member " + name + " in " + daemons));
    }

    /**
     * The certificate every member serves over HTTPS (each member's {@code cluster.crt}), as it was
     * when the cluster formed. Its subject alternative names are the host name, {@code 127.0.0.1}
     * and {@code ::1}, not the other members' addresses: pin it with
     * {@link ClientCredentials#pinnedSslContext(Path)}.
     *
     * @return the PEM file, a copy kept next to the cluster's directory
     */
    public Path certificate() {
        return workDirectory.resolve("cluster.crt");
    }

    /**
     * The client certificate made for this cluster and trusted by it (the trust store is
     * cluster-wide), so HTTPS requests to any member made with it get {@code "auth": "trusted"}.
     *
     * @return the trusted credentials, named {@code incus-test}
     */
    public ClientCredentials trustedClient() {
        return trustedClient;
    }

    /**
     * Makes a new self-signed client certificate that the cluster does NOT trust; see
     * {@link IncusDaemon#newClientCredentials(String)}.
     *
     * @param name the certificate's common name: 1-63 letters, digits, {@code .}, {@code _} or {@code -}
     * @return the credentials; their files are deleted by {@link #close()}
     * @throws IllegalArgumentException if the name has other characters
     * @throws IllegalStateException    if the cluster is closed
     */
    public ClientCredentials newClientCredentials(String name) {
        ensureOpen();
        return credentialsFactory.create(name);
    }

    /**
     * Adds a client certificate to the cluster's trust store, through a running member.
     *
     * @param credentials the credentials to trust; their name becomes the trust store entry's name
     * @throws IncusDaemonException  if the cluster refuses, for example because it already trusts them
     * @throws IllegalStateException if the cluster is closed
     */
    public void trust(ClientCredentials credentials) {
        ensureOpen();
        DaemonSetup.trust(anyRunningMember().incusd, credentials);
    }

    /**
     * The alias of the BusyBox image imported into the cluster.
     *
     * @return {@code "busybox"}
     */
    public String imageAlias() {
        return DaemonSetup.IMAGE_ALIAS;
    }

    /**
     * The fingerprint of the imported BusyBox image.
     *
     * @return 64 lowercase hex digits
     */
    public String imageFingerprint() {
        return image.fingerprint();
    }

    /**
     * The BusyBox image files, in unified and split form, for tests that import images themselves.
     *
     * @return the image built for this cluster
     */
    public BusyboxImage image() {
        return image;
    }

    /**
     * The version the members report, for example {@code 6.0.4}.
     *
     * @return the server version
     */
    public String version() {
        return version;
    }

    /**
     * Runs the {@code incus} command line against one member, over its Unix socket, with a private,
     * initially empty {@code INCUS_CONF}; see {@link IncusDaemon#incus(String...)}. Commands for other
     * members are forwarded by that member as usual ({@code --target}).
     *
     * @param member the member to talk to
     * @param args   the arguments after {@code incus}
     * @return exit code and output, whatever the exit code
     * @throws IncusDaemonException  if the command cannot be started or does not finish in 60 seconds
     * @throws IllegalStateException if the cluster is closed
     */
    public CommandResult incus(Member member, String... args) {
        ensureOpen();
        return member.incusd.incus(args);
    }

    /**
     * Like {@link #incus(Member, String...)}, for commands that must succeed.
     *
     * @param member the member to talk to
     * @param args   the arguments after {@code incus}
     * @return what the command wrote to standard output
     * @throws IncusDaemonException if the exit code is not 0; the message has the command and its
     *                              standard error
     */
    public String incusOrFail(Member member, String... args) {
        return Incusd.succeeded(incus(member, args), args);
    }

    /**
     * The member that is the cluster's database leader now, as a running member reports it (the
     * member whose roles include {@code database-leader} and which is {@code Online}). Right after the
     * leader died this waits, up to 30 seconds, for the election of the next one.
     *
     * @return the leader
     * @throws IncusDaemonException  if no running member names an online leader within 30 seconds
     * @throws IllegalStateException if the cluster is closed
     */
    public Member leader() {
        ensureOpen();
        long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        int maxAttempts = (int) (LEADER_TIMEOUT.toMillis() / POLL.toMillis()) + 1;
        String lastAnswer = "no answer";
        for (int attempt = 0; attempt < maxAttempts && System.nanoTime() < deadline; attempt++) {
            try {
                for (Map<String, Object> entry : memberEntries(anyRunningMember())) {
                    if (Json.array(entry.get("roles"), "roles").contains("database-leader")
                            && "Online".equals(Json.string(entry, "status"))) {
                        return member(Json.string(entry, "server_name"));
                    }
                }
                lastAnswer = "no online member has the database-leader role";
            } catch (RuntimeException e) {
                lastAnswer = e.getMessage();
            }
            Sleeper.pause(POLL);
        }
        throw new IncusDaemonException("No database leader within " + LEADER_TIMEOUT.toSeconds() + " s: " + lastAnswer);
    }

    /**
     * The status the cluster reports for a member ({@code GET /1.0/cluster/members/<name>}), asked of
     * another running member when there is one, for example {@code Online}, {@code Offline} or
     * {@code Evacuated}. A killed member shows {@code Offline} once it missed heartbeats for the
     * offline threshold (11 seconds).
     *
     * @param member a member of the cluster
     * @return the status as the API spells it
     * @throws IncusDaemonException  if no running member answers
     * @throws IllegalStateException if the cluster is closed
     */
    public String status(Member member) {
        ensureOpen();
        Member asked = daemons.stream().filter(other -> other != member && other.joined && other.isRunning())
                .findFirst().orElse(member);
        Map<String, Object> entry = Json.object(Json.parse(Incusd.succeeded(asked.incusd.incus("query",
                "/1.0/cluster/members/" + member.name), "query", "/1.0/cluster/members/" + member.name)), "member");
        return Json.string(entry, "status");
    }

    // ---- faults ----

    /**
     * Kills a member's incusd with SIGKILL, as a crash would. Its containers keep running (their
     * monitor processes are separate) until {@link #restart(Member)} adopts them or {@link #close()}
     * kills them. The other members show it {@code Offline} after about 10 seconds; until then,
     * requests they forward to it fail (the first after a 10-second wait). Does nothing if the member
     * is not running.
     *
     * @param member the member to kill; killing the database leader makes the others elect another
     * @throws IncusDaemonException  if the process is still there 10 seconds after SIGKILL
     * @throws IllegalStateException if the cluster is closed
     */
    public synchronized void kill(Member member) {
        ensureOpen();
        if (member.state != State.RUNNING) {
            return;
        }
        member.state = State.KILLED;
        member.incusd.kill();
    }

    /**
     * Starts a member's incusd again on the same directory, after {@link #kill(Member)}, and waits
     * until it is ready, listens on its HTTPS address and the cluster shows it {@code Online} again
     * (typically 2 to 5 seconds). A running member is shut down first.
     *
     * @param member the member to restart
     * @throws IncusDaemonException  if it is not back within about a minute; the message has the end
     *                               of its log
     * @throws IllegalStateException if the cluster is closed or the member was removed
     */
    public synchronized void restart(Member member) {
        ensureOpen();
        if (member.state == State.REMOVED) {
            throw new IllegalStateException(member.name + " was removed from the cluster");
        }
        if (member.state == State.RUNNING && member.incusd.isAlive()) {
            member.incusd.shutDownGracefully();
        }
        try {
            member.incusd.startProcess();
            member.state = State.RUNNING;
            member.incusd.awaitReady(RESTART_READY_TIMEOUT);
            if (member.joined) {
                if (!Ports.awaitListening(member.address, LISTEN_TIMEOUT)) {
                    throw new IncusDaemonException("nothing listens on " + member.address() + " after "
                            + LISTEN_TIMEOUT.toSeconds() + " s");
                }
                awaitOnline(List.of(member), ONLINE_TIMEOUT);
            }
        } catch (RuntimeException e) {
            throw new IncusDaemonException(member.name + " did not come back on " + member.directory() + ": "
                    + e.getMessage() + member.incusd.logSection(), e);
        }
    }

    // ---- membership ----

    /**
     * Starts one more incusd, on the next loopback address, that is NOT part of the cluster: a bare
     * daemon (no storage pool, no HTTPS listener, nothing trusted) ready to be joined. Join it through
     * the API, with a token from {@link #newJoinToken(String)}, by sending {@code PUT /1.0/cluster}
     * to its Unix socket with
     * {@code {"server_name": member.name(), "server_address": member.address(), "enabled": true,
     * "cluster_address": <an existing member's address>, "cluster_certificate": <the PEM of
     * certificate()>, "cluster_token": <token>, "member_config": [{"entity": "storage-pool", "name":
     * "default", "key": "source", "value": ""}]}} (what the 6.0 command line sends), or with
     * {@link #join(Member)}. Either way it then appears in {@link #members()}. Remove it with
     * {@link #remove(Member)} when done, so the shared cluster stays as it was.
     *
     * @return the started daemon, listed by {@link #member(String)} but not by {@link #members()}
     * @throws IncusDaemonException  if it does not start
     * @throws IllegalStateException if the cluster is closed
     */
    public synchronized Member startUnjoinedMember() {
        ensureOpen();
        Member member = newMember();
        try {
            member.incusd.startProcess();
            member.state = State.RUNNING;
            member.incusd.awaitReady(READY_TIMEOUT);
            return member;
        } catch (RuntimeException e) {
            String log = member.incusd.logSection();
            dispose(member);
            throw new IncusDaemonException("Could not start " + member.name + " in " + member.directory() + ": "
                    + e.getMessage() + log, e);
        }
    }

    /**
     * Issues a join token for a new member, like {@code incus cluster add <name>}, through a running
     * member. The token is base64 JSON with the cluster's addresses and certificate fingerprint and
     * expires after three hours.
     *
     * @param name the name the new member will join under ({@code server_name})
     * @return the token, for {@code cluster_token}
     * @throws IncusDaemonException  if the cluster refuses (for example, a member of that name exists)
     * @throws IllegalStateException if the cluster is closed
     */
    public String newJoinToken(String name) {
        ensureOpen();
        return anyRunningMember().incusd.incusOrFail("cluster", "add", name, "--quiet").strip();
    }

    /**
     * Joins a daemon from {@link #startUnjoinedMember()} the way the command line does
     * ({@code incus admin init --preseed} with a join token and its address) and waits until it is
     * {@code Online}.
     *
     * @param member a started daemon that is not a member yet
     * @throws IncusDaemonException  if the join fails or the member is not online within a minute
     * @throws IllegalStateException if the cluster is closed, or the daemon is a member already or not running
     */
    public synchronized void join(Member member) {
        ensureOpen();
        noticeJoins();
        if (member.joined || !member.isRunning()) {
            throw new IllegalStateException("Only a running daemon that is not a member can join: " + member);
        }
        joinWithPreseed(member);
        awaitOnline(List.of(member), ONLINE_TIMEOUT);
    }

    /**
     * Takes a member out of the cluster ({@code incus cluster remove}, forced if the member is not
     * running) and disposes of its daemon: shuts it down, kills what it left running, and deletes its
     * directory. A daemon that never joined is just disposed of. The member's name is not reused.
     *
     * @param member the member, or unjoined daemon, to remove
     * @throws IncusDaemonException  if the cluster refuses, for example because instances are still on
     *                               the member; the daemon is then left as it was
     * @throws IllegalStateException if the cluster is closed
     */
    public synchronized void remove(Member member) {
        ensureOpen();
        if (member.state == State.REMOVED) {
            return;
        }
        noticeJoins();
        if (member.joined) {
            Member asked = daemons.stream().filter(other -> other != member && other.joined && other.isRunning())
                    .findFirst().orElseThrow(() -> new IncusDaemonException(
                            "No other running member can remove " + member.name));
            if (member.isRunning()) {
                asked.incusd.incusOrFail("cluster", "remove", member.name);
            } else {
                asked.incusd.incusOrFail("cluster", "remove", member.name, "--force", "--yes");
            }
            member.joined = false;
        }
        dispose(member);
    }

    /** Shuts the daemon down, removes its traces and forgets it. */
    private void dispose(Member member) {
        if (member.incusd.isAlive()) {
            member.incusd.shutDownGracefully();
        }
        new DaemonCleanup(member.incusd, null).run();
        member.state = State.REMOVED;
        daemons.remove(member);
    }

    // ---- shutdown ----

    /**
     * Shuts the cluster down and removes every trace of it, in this order: force-stops the instances
     * on running members; shuts down daemons that are not members, then the members that are not the
     * database leader, then the leader (each with {@code incus admin shutdown}, waiting for its
     * process to exit, and killing it after about 30 seconds); kills by process id the container
     * monitors and containers that killed members left running and removes their cgroups; unmounts
     * what is still mounted below each member's directory; deletes the directories, logs, credentials
     * and image files.
     *
     * <p>Idempotent, and never throws: problems are reported on {@code System.err}.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                long began = System.nanoTime();
                step("shut down the members", this::shutDownInOrder);
                for (Member member : daemons) {
                    new DaemonCleanup(member.incusd, null).run();
                    member.state = State.REMOVED;
                }
                step("delete LXC locks", () -> deleteTree(DaemonCleanup.lxcLockDirectory(directory)));
                step("delete " + directory, () -> deleteTree(directory));
                step("delete " + workDirectory, () -> deleteTree(workDirectory));
                System.err.printf("[incus-test] cluster in %s shut down and removed in %.1f s%n", directory,
                        (System.nanoTime() - began) / 1e9);
            } finally {
                closed = true;
            }
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmIsShuttingDown) {
                // The hook is running or about to run; it will find the cluster closed.
            }
        }
    }

    /**
     * Members shut down one at a time, the database leader last: shutting all down at once leaves the
     * last voters waiting for a leader, and takes several times as long.
     */
    private void shutDownInOrder() {
        noticeJoins();
        List<Member> running = daemons.stream().filter(member -> member.incusd.isAlive()).toList();
        if (running.isEmpty()) {
            return;
        }
        String leader = "";
        Optional<Member> asked = running.stream().filter(member -> member.joined).findFirst();
        if (asked.isPresent()) {
            try {
                forceStopInstances(asked.get(), running);
                for (Map<String, Object> entry : memberEntries(asked.get())) {
                    if (Json.array(entry.get("roles"), "roles").contains("database-leader")) {
                        leader = Json.string(entry, "server_name");
                    }
                }
            } catch (RuntimeException e) {
                warn("cannot stop the instances or find the leader: " + e.getMessage());
            }
        }
        String leaderName = leader;
        List<Member> order = new ArrayList<>(running);
        // Non-members first, then members from the last started to the first, the leader at the end.
        order.sort(Comparator.comparing((Member member) -> member.joined)
                .thenComparing(member -> member.name.equals(leaderName))
                .thenComparing(member -> -member.index));
        for (Member member : order) {
            if (!member.incusd.shutDownGracefully()) {
                warn(member.name + " (pid " + member.pid() + ") did not shut down in time and was killed");
            }
            member.state = State.STOPPED;
        }
    }

    /** Force-stops the running instances on running members, so that no shutdown waits for a clean stop. */
    private void forceStopInstances(Member asked, List<Member> running) {
        List<String> live = running.stream().map(member -> member.name).toList();
        Object instances = Json.parse(Incusd.succeeded(asked.incusd.incus("query",
                "/1.0/instances?recursion=1&all-projects=true"), "query", "/1.0/instances"));
        for (Object value : Json.array(instances, "instances")) {
            Map<String, Object> instance = Json.object(value, "instance");
            if ("Running".equals(Json.string(instance, "status")) && live.contains(Json.string(instance, "location"))) {
                CommandResult stop = asked.incusd.incus("stop", "--force", "--project",
                        Json.string(instance, "project"), Json.string(instance, "name"));
                if (!stop.succeeded()) {
                    warn("cannot stop " + Json.string(instance, "name") + ": " + stop.stderr().strip());
                }
            }
        }
    }

    private void closeFromShutdownHook() {
        if (!closed) {
            System.err.println("[incus-test] JVM is exiting: cleaning up the Incus cluster in " + directory);
            close();
        }
    }

    @Override
    public String toString() {
        return "IncusCluster[" + directory + ", " + (closed ? "closed" : daemons.toString()) + "]";
    }

    // ---- helpers ----

    /** Polls a running member until every one of {@code expected} is {@code Online}, bounded in time. */
    private void awaitOnline(List<Member> expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int maxAttempts = (int) (timeout.toMillis() / POLL.toMillis()) + 1;
        String lastAnswer = "no answer";
        for (int attempt = 0; attempt < maxAttempts && System.nanoTime() < deadline; attempt++) {
            try {
                Map<String, String> statuses = new LinkedHashMap<>();
                for (Map<String, Object> entry : memberEntries(anyRunningMember())) {
                    statuses.put(Json.string(entry, "server_name"), Json.string(entry, "status"));
                }
                if (expected.stream().allMatch(member -> "Online".equals(statuses.get(member.name)))) {
                    return;
                }
                lastAnswer = statuses.toString();
            } catch (RuntimeException e) {
                lastAnswer = e.getMessage();
            }
            Sleeper.pause(POLL);
        }
        throw new IncusDaemonException("Not every member of " + expected.stream().map(member -> member.name).toList()
                + " was Online within " + timeout.toSeconds() + " s; last answer: " + lastAnswer);
    }

    /**
     * Waits until {@code replicas} members hold the image file: the cluster copies an imported image
     * to {@code cluster.images_minimal_replica} (3) members, in the background.
     */
    private void awaitImageReplicas(List<Member> members, int replicas, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int maxAttempts = (int) (timeout.toMillis() / POLL.toMillis()) + 1;
        long holding = 0;
        for (int attempt = 0; attempt < maxAttempts && System.nanoTime() < deadline; attempt++) {
            holding = members.stream()
                    .filter(member -> Files.isRegularFile(member.directory().resolve("images").resolve(image.fingerprint())))
                    .count();
            if (holding >= replicas) {
                return;
            }
            Sleeper.pause(POLL);
        }
        throw new IncusDaemonException("The image " + image.fingerprint() + " reached " + holding + " of " + replicas
                + " members within " + timeout.toSeconds() + " s");
    }

    /** {@code GET /1.0/cluster/members?recursion=1} through {@code asked}'s socket. */
    private static List<Map<String, Object>> memberEntries(Member asked) {
        String answer = Incusd.succeeded(asked.incusd.incus("query", "/1.0/cluster/members?recursion=1"),
                "query", "/1.0/cluster/members?recursion=1");
        return Json.array(Json.parse(answer), "members").stream().map(value -> Json.object(value, "member")).toList();
    }

    /** The first running member (a joined one), to ask about the cluster. */
    private Member anyRunningMember() {
        return daemons.stream().filter(member -> member.joined && member.isRunning()).findFirst()
                .orElseThrow(() -> new IncusDaemonException("No member of the cluster is running: " + daemons));
    }

    /**
     * Takes membership from what the cluster lists, so that daemons a test joined or removed through
     * the API count as such.
     */
    private void noticeJoins() {
        // Joins and removals made through the API (a test's own client) rather than through this
        // class: membership is what the cluster lists, for every daemon that runs.
        if (daemons.stream().noneMatch(member -> member.joined && member.isRunning())) {
            return;
        }
        try {
            List<String> names = memberEntries(anyRunningMember()).stream()
                    .map(entry -> Json.string(entry, "server_name")).toList();
            daemons.stream().filter(Member::isRunning).forEach(member -> member.joined = names.contains(member.name));
        } catch (RuntimeException e) {
            // The cluster cannot answer right now (an election, say); the daemons stay as they were.
        }
    }

    /** The last lines of every member's log, for a failed start. */
    private String logSections() {
        StringBuilder out = new StringBuilder();
        for (Member member : daemons) {
            out.append("\n--- last lines of the incusd log of ").append(member.name).append(" ---\n")
                    .append(LogTail.of(member.incusd.logFile(), LOG_LINES_PER_MEMBER));
        }
        return out.toString();
    }

    /** Deletes a tree, leaving alone anything that is still a mount point (the members' cleanup unmounted them). */
    private void deleteTree(Path root) {
        try {
            FileTrees.delete(root, MountTable.mountPointsUnder(root)).forEach(this::warn);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mount table", e);
        }
    }

    private void step(String name, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            warn(name + " failed: " + e);
        }
    }

    private void warn(String message) {
        System.err.println("[incus-test] cleanup of " + directory + ": " + message);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This Incus cluster has been closed: " + directory);
        }
    }
}
