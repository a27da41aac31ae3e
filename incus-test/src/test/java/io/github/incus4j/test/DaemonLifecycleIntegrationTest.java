package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.test.IncusIntegrationTest.Scope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop, restart, kill and close, on a daemon of this class's own (the run-wide one must keep
 * running for other classes), plus daemons started by hand to watch {@link IncusDaemon#close()}.
 */
@IncusIntegrationTest(scope = Scope.CLASS)
class DaemonLifecycleIntegrationTest {

    @Test
    void stopAndRestartKeepImageConfigurationAndAddresses(IncusDaemon daemon) throws Exception {
        long firstPid = daemon.pid();
        URI httpsUrl = daemon.httpsUrl();

        daemon.stop();

        assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(daemon.incus("query", "/1.0").succeeded()).isFalse();
        assertThat(daemon.directory()).isDirectory();

        daemon.restart();

        assertThat(daemon.pid()).isNotEqualTo(firstPid);
        assertThat(daemon.httpsUrl()).isEqualTo(httpsUrl);
        assertThat(daemon.incusOrFail("image", "list", "--format", "csv", "--columns", "lf"))
                .contains("busybox,").contains(daemon.imageFingerprint().substring(0, 12));
        assertThat(RawHttp.getOverUnixSocket(daemon.socketPath(), "/1.0").body()).contains("\"auth\":\"trusted\"");
        RawHttp.Response https = RawHttp.getOverTls(daemon.trustedClient().sslContext(daemon.serverCertificate()),
                daemon.httpsUrl(), "/1.0");
        assertThat(https.body()).contains("\"auth\":\"trusted\"");
    }

    @Test
    void aKilledDaemonComesBackWithItsRunningContainer(IncusDaemon daemon) {
        String name = uniqueName();
        daemon.incusOrFail("launch", daemon.imageAlias(), name);
        long pid = daemon.pid();

        daemon.kill();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        // The container's monitor survives the daemon, as it would a crash.
        assertThat(LeftoverProcesses.of(daemon.directory())).isNotEmpty();

        daemon.restart();

        assertThat(daemon.incusOrFail("list", name, "--format", "csv", "--columns", "ns")).isEqualTo(name + ",RUNNING\n");
        daemon.incusOrFail("delete", "--force", name);
    }

    @Test
    void closeRemovesProcessMountsAndFiles() throws IOException {
        IncusDaemon daemon = IncusDaemon.start();
        Path directory = daemon.directory();
        Path workFiles = directory.resolveSibling(directory.getFileName() + "-files");
        long pid = daemon.pid();
        daemon.incusOrFail("launch", daemon.imageAlias(), uniqueName());
        assertThat(MountTable.mountPointsUnder(directory)).isNotEmpty();
        assertThat(workFiles).isDirectory();

        daemon.close();

        assertGone(directory, workFiles, pid);
        daemon.close(); // idempotent
        assertThatThrownBy(() -> daemon.incus("list"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void closeAfterKillStopsTheContainersTheDaemonLeftBehind() throws IOException {
        IncusDaemon daemon = IncusDaemon.start();
        Path directory = daemon.directory();
        Path workFiles = directory.resolveSibling(directory.getFileName() + "-files");
        daemon.incusOrFail("launch", daemon.imageAlias(), uniqueName());
        long pid = daemon.pid();
        daemon.kill();
        List<ProcessHandle> leftovers = LeftoverProcesses.of(directory);
        assertThat(leftovers).isNotEmpty();
        List<Path> cgroups = leftovers.stream()
                .flatMap(process -> Cgroups.ofProcess(process.pid(), Cgroups.hierarchies()).stream()).toList();
        assertThat(cgroups).isNotEmpty().allSatisfy(cgroup -> assertThat(cgroup).isDirectory());

        daemon.close();

        assertGone(directory, workFiles, pid);
        assertThat(cgroups).allSatisfy(cgroup -> assertThat(cgroup).doesNotExist());
    }

    @Test
    void aTerminatedJvmCleansUpThroughItsShutdownHook() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ShutdownHookProbe.class.getName()).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            String ready = readUntilReady(output);
            String[] fields = ready.split(" ");
            long pid = Long.parseLong(fields[1]);
            Path directory = Path.of(fields[2]);
            assertThat(directory).isDirectory();

            probe.destroy(); // SIGTERM, as when a build is cancelled

            assertThat(probe.waitFor(90, TimeUnit.SECONDS)).as("probe JVM exited").isTrue();
            assertGone(directory, directory.resolveSibling(directory.getFileName() + "-files"), pid);
        } finally {
            probe.destroyForcibly();
        }
    }

    @Test
    void aFailedStartExplainsItselfAndLeavesNothingBehind(@TempDir Path scratch) throws Exception {
        Path realIncus = Prerequisites.findOnPath("incus", Prerequisites.Host.current()).orElseThrow();
        Path bin = Files.createDirectory(scratch.resolve("bin"));
        Path fakeIncus = Files.writeString(bin.resolve("incus"), "#!/bin/sh\n"
                + "if [ \"$1\" = storage ]; then echo 'Error: simulated storage failure' >&2; exit 1; fi\n"
                + "exec " + realIncus + " \"$@\"\n");
        Files.setPosixFilePermissions(fakeIncus, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                FailingStartProbe.class.getName()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process probe = builder.start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output)
                .contains("FAILED Could not start a throw-away Incus daemon in /tmp/incus-test-")
                .contains("`incus storage create default dir` failed with exit code 1: Error: simulated storage failure")
                .contains("--- last lines of the incusd log ---")
                .contains("level=");
        Matcher directory = Pattern.compile("daemon in (/tmp/incus-test-\\d+)").matcher(output);
        assertThat(directory.find()).isTrue();
        assertGone(Path.of(directory.group(1)), Path.of(directory.group(1) + "-files"), -1);
    }

    /** Reads the probe's output until its READY line; the probe's other lines help if it fails. */
    private static String readUntilReady(BufferedReader output) throws IOException {
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("READY ")) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("The probe JVM ended without starting a daemon:\n" + seen);
    }

    private static void assertGone(Path directory, Path workFiles, long pid) throws IOException {
        assertThat(directory).doesNotExist();
        assertThat(workFiles).doesNotExist();
        assertThat(LeftoverProcesses.isRunning(pid)).as("incusd %s running", pid).isFalse();
        assertThat(MountTable.mountPointsUnder(directory)).isEmpty();
        assertThat(LeftoverProcesses.of(directory)).isEmpty();
        assertThat(DaemonCleanup.lxcLockDirectory(directory)).doesNotExist();
        List<String> mountinfo = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        assertThat(mountinfo).noneMatch(line -> line.contains(directory.toString()));
    }

    private static String uniqueName() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
