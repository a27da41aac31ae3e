package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.InstanceExecPost;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/**
 * A command to run in an instance, with its environment, identity, standard input and deadline.
 *
 * <pre>{@code
 * ExecRequest request = ExecRequest.builder("sh", "-c", "make test")
 *         .environment("CI", "true")
 *         .workingDirectory("/src")
 *         .user(1000).group(1000)
 *         .timeout(Duration.ofMinutes(5))
 *         .build();
 * }</pre>
 *
 * <p>Immutable, except that a standard input given as a publisher can usually be read only once.
 */
public final class ExecRequest {

    private final List<String> command;
    private final Map<String, String> environment;
    private final String workingDirectory;
    private final long user;
    private final long group;
    private final boolean interactive;
    private final int width;
    private final int height;
    private final byte @Nullable [] stdinBytes;
    private final @Nullable Publisher<ByteBuffer> stdinPublisher;
    private final @Nullable Duration timeout;

    private ExecRequest(Builder builder) {
        this.command = List.copyOf(builder.command);
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(builder.environment));
        this.workingDirectory = builder.workingDirectory;
        this.user = builder.user;
        this.group = builder.group;
        this.interactive = builder.interactive;
        this.width = builder.width;
        this.height = builder.height;
        this.stdinBytes = builder.stdinBytes;
        this.stdinPublisher = builder.stdinPublisher;
        this.timeout = builder.timeout;
    }

    /**
     * A command with its arguments and nothing else: no standard input (it reads end of file at
     * once), the daemon's default environment, root, no deadline.
     *
     * @param command the program and its arguments, such as {@code "echo", "hi"}
     * @return the request
     */
    public static ExecRequest of(String... command) {
        return builder(command).build();
    }

    /**
     * Starts building a request.
     *
     * @param command the program and its arguments; the program is looked up in the
     *     {@code PATH} the daemon sets (no shell is involved: use {@code "sh", "-c", "..."} for one)
     * @return a builder
     */
    public static Builder builder(String... command) {
        Names.required("command", command);
        return builder(List.of(command));
    }

    /**
     * Starts building a request.
     *
     * @param command the program and its arguments
     * @return a builder
     */
    public static Builder builder(List<String> command) {
        Names.required("command", command);
        if (command.isEmpty() || command.get(0) == null || command.get(0).isEmpty()) {
            throw new IllegalArgumentException("command must name a program, got " + command);
        }
        for (String argument : command) {
            Names.required("command argument", argument);
        }
        return new Builder(command);
    }

    /**
     * Returns the program and its arguments.
     *
     * @return the command
     */
    public List<String> command() {
        return command;
    }

    /**
     * Returns the environment variables added to the daemon's defaults.
     *
     * @return the variables
     */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * Returns the working directory.
     *
     * @return the directory, or {@code ""} for the daemon's default
     */
    public String workingDirectory() {
        return workingDirectory;
    }

    /**
     * Returns the user id the command runs as.
     *
     * @return the uid, 0 for root
     */
    public long user() {
        return user;
    }

    /**
     * Returns the group id the command runs as.
     *
     * @return the gid, 0 for root
     */
    public long group() {
        return group;
    }

    /**
     * Tells whether the command runs on a pseudo-terminal.
     *
     * @return {@code true} for an interactive command
     */
    public boolean interactive() {
        return interactive;
    }

    /**
     * Returns the deadline for the whole command, from the moment it is started.
     *
     * @return the deadline, or {@code null} for none
     */
    public @Nullable Duration timeout() {
        return timeout;
    }

    /**
     * Tells whether a standard input was given.
     *
     * @return {@code true} if the command reads something other than an immediate end of file
     */
    public boolean hasStdin() {
        return stdinBytes != null || stdinPublisher != null;
    }

    /** The standard input as buffers; empty when none was given. */
    Flux<ByteBuffer> stdin() {
        if (stdinBytes != null) {
            return Flux.just(ByteBuffer.wrap(stdinBytes).asReadOnlyBuffer());
        }
        return stdinPublisher != null ? Flux.from(stdinPublisher) : Flux.empty();
    }

    /** The wire form of the request. */
    InstanceExecPost toPost(boolean waitForWebsocket, boolean recordOutput) {
        return new InstanceExecPost(command, waitForWebsocket, interactive, environment, width, height, recordOutput,
                user, group, workingDirectory);
    }

    @Override
    public String toString() {
        return "ExecRequest" + command + (interactive ? " (interactive)" : "")
                + (timeout != null ? " timeout " + timeout : "");
    }

    /** Builds an {@link ExecRequest}. */
    public static final class Builder {
        private final List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String workingDirectory = "";
        private long user;
        private long group;
        private boolean interactive;
        private int width;
        private int height;
        private byte @Nullable [] stdinBytes;
        private @Nullable Publisher<ByteBuffer> stdinPublisher;
        private @Nullable Duration timeout;

        private Builder(List<String> command) {
            this.command = new ArrayList<>(command);
        }

        /**
         * Sets an environment variable. The daemon adds {@code PATH}, {@code HOME}, {@code USER}
         * and {@code LANG} unless they are set here, and the instance's
         * {@code environment.*} configuration.
         *
         * @param name the variable name
         * @param value its value
         * @return this builder
         */
        public Builder environment(String name, String value) {
            if (name == null || name.isEmpty() || name.contains("=")) {
                throw new IllegalArgumentException("environment variable name must be non-empty and without '=', got '"
                        + name + "'");
            }
            environment.put(name, Names.required("environment value of " + name, value));
            return this;
        }

        /**
         * Sets environment variables.
         *
         * @param variables the variables by name
         * @return this builder
         */
        public Builder environment(Map<String, String> variables) {
            Names.required("environment", variables).forEach(this::environment);
            return this;
        }

        /**
         * Sets the working directory (API extension {@code container_exec_user_group_cwd}).
         *
         * @param directory an absolute path in the instance
         * @return this builder
         */
        public Builder workingDirectory(String directory) {
            Names.required("workingDirectory", directory);
            if (!directory.startsWith("/")) {
                throw new IllegalArgumentException("workingDirectory must be an absolute path, got '" + directory
                        + "'");
            }
            this.workingDirectory = directory;
            return this;
        }

        /**
         * Runs the command as this user id instead of root (API extension
         * {@code container_exec_user_group_cwd}). The daemon sets {@code HOME} and {@code USER} only
         * for root; set them here for other users if the command needs them.
         *
         * @param uid the user id in the instance
         * @return this builder
         */
        public Builder user(long uid) {
            this.user = unsigned32("user", uid);
            return this;
        }

        /**
         * Runs the command with this group id instead of root's.
         *
         * @param gid the group id in the instance
         * @return this builder
         */
        public Builder group(long gid) {
            this.group = unsigned32("group", gid);
            return this;
        }

        /**
         * Runs the command on a pseudo-terminal of this size: standard output and standard error
         * arrive merged as {@link ExecEvent.Stdout}, and the terminal can be resized with
         * {@link ExecSession#resize(int, int)}.
         *
         * @param columns the terminal width
         * @param rows the terminal height
         * @return this builder
         */
        public Builder interactive(int columns, int rows) {
            if (columns <= 0 || rows <= 0) {
                throw new IllegalArgumentException("terminal size must be positive, got " + columns + "x" + rows);
            }
            this.interactive = true;
            this.width = columns;
            this.height = rows;
            return this;
        }

        /**
         * Gives the command these bytes as its standard input, followed by end of file.
         *
         * @param bytes the input (not copied: do not change it afterwards)
         * @return this builder
         */
        public Builder stdin(byte[] bytes) {
            this.stdinBytes = Names.required("stdin", bytes);
            this.stdinPublisher = null;
            return this;
        }

        /**
         * Streams the command's standard input from a publisher; end of file is sent when it
         * completes. An error of the publisher fails the command's stream and ends the command.
         * Each buffer is copied when it is sent, so the publisher may reuse it afterwards.
         *
         * @param buffers the input
         * @return this builder
         */
        public Builder stdin(Publisher<ByteBuffer> buffers) {
            this.stdinPublisher = Names.required("stdin", buffers);
            this.stdinBytes = null;
            return this;
        }

        /**
         * Streams the command's standard input from Spring data buffers (such as
         * {@code DataBufferUtils.read(path, ...)}); each buffer is released once copied.
         *
         * @param buffers the input
         * @return this builder
         */
        public Builder stdinBuffers(Publisher<? extends DataBuffer> buffers) {
            Names.required("stdin", buffers);
            return stdin(Flux.from(buffers).map(buffer -> {
                try {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    return ByteBuffer.wrap(bytes);
                } finally {
                    DataBufferUtils.release(buffer);
                }
            }));
        }

        /**
         * Sets a deadline for the whole command. When it passes, the command is killed
         * ({@code SIGKILL} through the control websocket), its streams are closed, and the call
         * fails with an {@link io.github.incus4j.client.exception.ExecTimeoutException}; the instance
         * itself is left running.
         *
         * @param deadline a positive duration
         * @return this builder
         */
        public Builder timeout(Duration deadline) {
            this.timeout = Names.positive("timeout", deadline);
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public ExecRequest build() {
            return new ExecRequest(this);
        }

        private static long unsigned32(String argument, long id) {
            if (id < 0 || id > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException(argument + " must be between 0 and 4294967295, got " + id);
            }
            return id;
        }
    }
}
