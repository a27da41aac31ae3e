package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {

    @TempDir
    Path outputDirectory;

    @Test
    void capturesExitCodeAndBothOutputs() {
        CommandResult result = new CommandRunner(outputDirectory).run(
                List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Map.of(), Duration.ofSeconds(10));

        assertThat(result).isEqualTo(new CommandResult(3, "out\n", "err\n"));
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void givesTheCommandAnEmptyStandardInput() {
        CommandResult result = new CommandRunner(outputDirectory).run(List.of("cat"), Map.of(), Duration.ofSeconds(10));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void givesTheCommandAFileAsStandardInputWhenAsked() throws Exception {
        Path input = Files.writeString(outputDirectory.resolve("preseed.yaml"), "cluster:\n  enabled: true\n");

        CommandResult result = new CommandRunner(outputDirectory).run(List.of("cat"), Map.of(), Duration.ofSeconds(10),
                input);

        assertThat(result.stdout()).isEqualTo("cluster:\n  enabled: true\n");
    }

    @Test
    void killsACommandThatRunsTooLong() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> new CommandRunner(outputDirectory).run(
                List.of("sh", "-c", "echo begun; sleep 30"), Map.of(), Duration.ofSeconds(2)))
                .isInstanceOf(IncusDaemonException.class)
                .hasMessageContaining("did not finish within")
                .hasMessageContaining("begun");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void setsAndDropsEnvironmentVariables() {
        CommandRunner runner = new CommandRunner(outputDirectory, name -> name.equals("HOME"));

        CommandResult result = runner.run(List.of("sh", "-c", "echo \"[$HOME][$GREETING]\""),
                Map.of("GREETING", "hi"), Duration.ofSeconds(10));

        assertThat(result.stdout()).isEqualTo("[][hi]\n");
    }

    @Test
    void leavesNoOutputFilesBehind() throws Exception {
        new CommandRunner(outputDirectory).run(List.of("true"), Map.of(), Duration.ofSeconds(10));

        try (var files = Files.list(outputDirectory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aMissingProgramIsReportedByName() {
        assertThatThrownBy(() -> new CommandRunner(outputDirectory).run(
                List.of("/nonexistent/program", "arg"), Map.of(), Duration.ofSeconds(10)))
                .isInstanceOf(IncusDaemonException.class)
                .hasMessageContaining("/nonexistent/program arg");
    }
}
