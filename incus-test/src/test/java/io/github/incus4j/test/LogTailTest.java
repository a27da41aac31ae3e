package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path directory;

    @Test
    void returnsTheLastLines() throws Exception {
        Path log = directory.resolve("incusd.log");
        Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));

        assertThat(LogTail.of(log, 3)).isEqualTo("line 98\nline 99\nline 100");
    }

    @Test
    void readsOnlyTheEndOfAHugeLog() throws Exception {
        Path log = directory.resolve("incusd.log");
        Files.writeString(log, "x".repeat(200_000) + "\nlast\n");

        assertThat(LogTail.of(log, 40)).isEqualTo("last");
    }

    @Test
    void explainsAMissingOrEmptyLog() throws Exception {
        assertThat(LogTail.of(directory.resolve("missing.log"), 5)).startsWith("(cannot read the log");
        Path empty = Files.createFile(directory.resolve("empty.log"));
        assertThat(LogTail.of(empty, 5)).contains("is empty");
    }
}
