package io.github.incus4j.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a running command produces, in order: chunks of standard output and standard error as
 * they arrive, then its exit code.
 *
 * <pre>{@code
 * client.instances().exec("c1").stream(ExecRequest.of("sh", "-c", "make 2>&1"))
 *         .subscribe(event -> {
 *             if (event instanceof ExecEvent.Stdout out) {
 *                 System.out.write(out.bytes(), 0, out.bytes().length);
 *             } else if (event instanceof ExecEvent.Exit exit) {
 *                 System.out.println("exit " + exit.code());
 *             }
 *         });
 * }</pre>
 *
 * <p>Chunk boundaries are whatever the daemon sent; they say nothing about lines.
 */
public sealed interface ExecEvent permits ExecEvent.Stdout, ExecEvent.Stderr, ExecEvent.Exit {

    /**
     * A chunk of standard output (on a terminal: of the terminal's output, which includes
     * standard error).
     *
     * @param bytes the bytes, owned by the receiver
     */
    record Stdout(byte[] bytes) implements ExecEvent {

        /**
         * Decodes the chunk as UTF-8; a multi-byte character may be split across chunks.
         *
         * @return the text
         */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Stdout that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Stdout[" + bytes.length + " bytes]";
        }
    }

    /**
     * A chunk of standard error.
     *
     * @param bytes the bytes, owned by the receiver
     */
    record Stderr(byte[] bytes) implements ExecEvent {

        /**
         * Decodes the chunk as UTF-8; a multi-byte character may be split across chunks.
         *
         * @return the text
         */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Stderr that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Stderr[" + bytes.length + " bytes]";
        }
    }

    /**
     * The command ended; always the last event.
     *
     * @param code the exit status: 0 for success, 127 when the command was not found, 128 + n
     *     when a signal n killed it
     */
    record Exit(int code) implements ExecEvent {
    }
}
