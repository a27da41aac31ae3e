package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the image tarballs with the system's GNU tar, an independent reader of the format, using
 * a stand-in BusyBox binary so no real BusyBox is needed.
 */
class BusyboxImageBuilderTest {

    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05Z");

    @TempDir
    Path directory;

    private BusyboxImage image;
    private CommandRunner runner;

    @BeforeEach
    void buildImage() throws Exception {
        Path busybox = Files.write(directory.resolve("fake-busybox"), "pretend this is busybox".getBytes(StandardCharsets.US_ASCII));
        Path output = Files.createDirectory(directory.resolve("image"));
        runner = new CommandRunner(Files.createDirectory(directory.resolve("out")));
        image = new BusyboxImageBuilder(busybox, List.of("[", "[[", "sh", "ls", "busybox", "init", "../escape", ""),
                "x86_64", "1.35.0", CREATED).build(output);
    }

    @Test
    void theUnifiedTarballHasMetadataAndARootfsDirectory() {
        List<String> listing = tar("-tvzf", image.unifiedTarball().toString());

        assertThat(listing).anyMatch(line -> line.matches("-rw-r--r-- root/root .* metadata\\.yaml"));
        assertThat(listing).anyMatch(line -> line.matches("-rwxr-xr-x root/root .* rootfs/bin/busybox"));
        assertThat(listing).anyMatch(line -> line.matches("lrwxrwxrwx root/root .* rootfs/bin/sh -> busybox"));
        assertThat(listing).anyMatch(line -> line.matches("lrwxrwxrwx root/root .* rootfs/bin/\\[\\[ -> busybox"));
        assertThat(listing).anyMatch(line -> line.matches("lrwxrwxrwx root/root .* rootfs/sbin/init -> \\.\\./bin/busybox"));
        assertThat(listing).anyMatch(line -> line.matches("drwxrwxrwt root/root .* rootfs/tmp/"));
        assertThat(listing).anyMatch(line -> line.matches("drwx------ root/root .* rootfs/root/"));
        assertThat(listing).anyMatch(line -> line.matches("drwxr-xr-x 1000/1000 .* rootfs/home/user/"));
        assertThat(listing).noneMatch(line -> line.contains("escape") || line.contains("bin/busybox -> "));
        assertThat(listing).allMatch(line -> line.contains(" 2025-01-02 "));
    }

    @Test
    void theSplitTarballsHoldTheSameContentWithoutTheRootfsPrefix() {
        assertThat(tar("-tzf", image.metadataTarball().toString())).containsExactly("metadata.yaml");

        List<String> rootfs = tar("-tzf", image.rootfsTarball().toString());
        List<String> unifiedRootfs = tar("-tzf", image.unifiedTarball().toString()).stream()
                .filter(name -> name.startsWith("rootfs/") && !name.equals("rootfs/"))
                .map(name -> name.substring("rootfs/".length()))
                .toList();
        assertThat(rootfs).containsExactlyElementsOf(unifiedRootfs).contains("bin/busybox", "etc/passwd", "dev/", "proc/", "sys/");
    }

    @Test
    void extractedFilesHaveTheirContent() throws Exception {
        Path extracted = Files.createDirectory(directory.resolve("extracted"));
        tar("-xzf", image.unifiedTarball().toString(), "-C", extracted.toString());

        assertThat(extracted.resolve("rootfs/bin/busybox")).hasContent("pretend this is busybox");
        assertThat(Files.readSymbolicLink(extracted.resolve("rootfs/bin/ls"))).isEqualTo(Path.of("busybox"));
        assertThat(extracted.resolve("rootfs/etc/passwd")).content()
                .contains("root:x:0:0:root:/root:/bin/sh\n").contains("user:x:1000:1000:user:/home/user:/bin/sh\n");
        assertThat(extracted.resolve("rootfs/etc/group")).content().contains("root:x:0:\n").contains("user:x:1000:\n");
        assertThat(extracted.resolve("metadata.yaml")).hasContent("architecture: x86_64\n"
                + "creation_date: " + CREATED.getEpochSecond() + "\n"
                + "properties:\n"
                + "  description: \"BusyBox 1.35.0 test image (incus-test)\"\n"
                + "  os: busybox\n"
                + "  release: \"1.35.0\"");
    }

    @Test
    void theFingerprintIsTheSha256OfTheUnifiedTarball() throws Exception {
        String sha256sum = new CommandRunner(directory).run(List.of("sha256sum", image.unifiedTarball().toString()),
                Map.of(), Duration.ofSeconds(10)).stdout();

        assertThat(image.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(sha256sum).startsWith(image.fingerprint() + " ");
    }

    @Test
    void machineArchitecturesAreMappedToIncusNames() {
        assertThat(BusyboxImageBuilder.incusArchitecture("amd64")).isEqualTo("x86_64");
        assertThat(BusyboxImageBuilder.incusArchitecture("aarch64")).isEqualTo("aarch64");
        assertThat(BusyboxImageBuilder.incusArchitecture("arm")).isEqualTo("armv7l");
        assertThat(BusyboxImageBuilder.incusArchitecture("ppc64le")).isEqualTo("ppc64le");
        assertThat(BusyboxImageBuilder.incusArchitecture("mips")).isEqualTo("mips");
    }

    @Test
    void theVersionIsTakenFromTheBanner() {
        assertThat(BusyboxImageBuilder.parseVersion("BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary."))
                .isEqualTo("1.35.0");
        assertThat(BusyboxImageBuilder.parseVersion("something else")).isEqualTo("unknown");
    }

    @Test
    void longPathsUseTheUstarPrefixField() throws Exception {
        String longPath = "a".repeat(60) + "/" + "b".repeat(60) + "/" + "c".repeat(60);
        Path archive = directory.resolve("long.tar.gz");
        try (TarGzWriter tar = new TarGzWriter(archive, 0)) {
            tar.file(longPath, 0644, "x".getBytes(StandardCharsets.US_ASCII));
        }

        assertThat(tar("-tzf", archive.toString())).containsExactly(longPath);
    }

    private List<String> tar(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("tar"));
        command.addAll(List.of(args));
        CommandResult result = runner.run(command, Map.of("LC_ALL", "C", "TZ", "UTC"), Duration.ofSeconds(30));
        assertThat(result.exitCode()).as("tar %s: %s", List.of(args), result.stderr()).isZero();
        assertThat(result.stderr()).isEmpty();
        return result.stdout().lines().map(line -> line.replaceAll(" +", " ")).toList();
    }
}
