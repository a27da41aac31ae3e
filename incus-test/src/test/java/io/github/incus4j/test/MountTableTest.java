package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountTableTest {

    private static final List<String> MOUNTINFO = List.of(
            "27 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda rw",
            "42 27 0:39 / /tmp/incus-test-12/shmounts rw,relatime shared:1 - tmpfs tmpfs rw,size=100k,mode=711",
            "43 27 0:40 / /tmp/incus-test-12/guestapi rw,relatime - tmpfs tmpfs rw,size=100k,mode=755",
            "44 27 0:41 / /tmp/incus-test-123/shmounts rw,relatime - tmpfs tmpfs rw",
            "45 42 0:42 / /tmp/incus-test-12/storage-pools/default/containers/a\\040b/rootfs rw - tmpfs tmpfs rw",
            "46 42 0:39 / /tmp/incus-test-12/shmounts rw,relatime shared:1 - tmpfs tmpfs rw",
            "47 27 0:43 / /tmp/incus-test-12 rw - tmpfs tmpfs rw");

    @Test
    void findsOnlyMountsAtOrBelowTheDirectoryDeepestFirst() {
        List<Path> mounts = MountTable.mountPointsUnder(Path.of("/tmp/incus-test-12"), MOUNTINFO);

        assertThat(mounts).containsExactly(
                Path.of("/tmp/incus-test-12/storage-pools/default/containers/a b/rootfs"),
                Path.of("/tmp/incus-test-12/shmounts"),
                Path.of("/tmp/incus-test-12/guestapi"),
                Path.of("/tmp/incus-test-12/shmounts"),
                Path.of("/tmp/incus-test-12"));
    }

    @Test
    void aDirectoryWhoseNameMerelyStartsTheSameIsNotIncluded() {
        assertThat(MountTable.mountPointsUnder(Path.of("/tmp/incus-test-123"), MOUNTINFO))
                .containsExactly(Path.of("/tmp/incus-test-123/shmounts"));
    }

    @Test
    void decodesTheKernelsOctalEscapes() {
        assertThat(MountTable.unescape("/a\\040b\\011c\\012d\\134e")).isEqualTo("/a b\tc\nd\\e");
        assertThat(MountTable.unescape("/trailing\\04")).isEqualTo("/trailing\\04");
        assertThat(MountTable.unescape("/not\\999octal")).isEqualTo("/not\\999octal");
    }

    @Test
    void readsThisProcesssMountTable() throws Exception {
        assertThat(MountTable.mountPointsUnder(Path.of("/"))).contains(Path.of("/"));
    }
}
