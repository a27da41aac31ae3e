package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path directory;

    @Test
    void deletesATreeWithoutFollowingLinksOutOfIt() throws Exception {
        Path outside = Files.createDirectories(directory.resolve("outside"));
        Path precious = Files.writeString(outside.resolve("precious"), "keep me");
        Path root = Files.createDirectories(directory.resolve("daemon/containers/c1/rootfs/bin"));
        Files.writeString(root.resolve("busybox"), "binary");
        Files.createSymbolicLink(root.resolve("linked-dir"), outside);
        Files.createSymbolicLink(root.resolve("absolute"), Path.of("/bin/busybox"));

        List<String> problems = FileTrees.delete(directory.resolve("daemon"), List.of());

        assertThat(problems).isEmpty();
        assertThat(directory.resolve("daemon")).doesNotExist();
        assertThat(precious).hasContent("keep me");
    }

    @Test
    void leavesMountPointsAloneAndSaysSo() throws Exception {
        Path root = Files.createDirectories(directory.resolve("daemon"));
        Path mounted = Files.createDirectories(root.resolve("shmounts"));
        Path inside = Files.writeString(mounted.resolve("file"), "on another file system");
        Files.writeString(root.resolve("other"), "deletable");

        List<String> problems = FileTrees.delete(root, List.of(mounted));

        assertThat(inside).exists();
        assertThat(root.resolve("other")).doesNotExist();
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains(mounted.toString()).contains("mount point"));
    }

    @Test
    void aMissingTreeIsNotAProblem() {
        assertThat(FileTrees.delete(directory.resolve("never-created"), List.of())).isEmpty();
    }
}
