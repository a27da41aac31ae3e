package io.github.incus4j.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the mount points of this process's mount namespace from {@code /proc/self/mountinfo}.
 *
 * <p>incusd mounts small tmpfs file systems inside its directory ({@code shmounts},
 * {@code guestapi}) and, with some storage drivers, more below {@code storage-pools}. A daemon that
 * was killed leaves them mounted, and deleting the directory would then fail or, worse, walk into
 * a mounted file system. Cleanup therefore unmounts everything under the directory first.
 */
final class MountTable {

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountTable() {
    }

    /** Mount points at or below {@code directory}, deepest first, so they can be unmounted in order. */
    static List<Path> mountPointsUnder(Path directory) throws IOException {
        return mountPointsUnder(directory, Files.readAllLines(MOUNTINFO));
    }

    static List<Path> mountPointsUnder(Path directory, List<String> mountinfoLines) {
        Path root = directory.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        for (String line : mountinfoLines) {
            String[] fields = line.split(" ");
            // Field 5 is the mount point: "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 ...".
            if (fields.length < 5) {
                continue;
            }
            Path mountPoint = Path.of(unescape(fields[4]));
            if (mountPoint.startsWith(root)) {
                found.add(mountPoint);
            }
        }
        // Deeper paths first; a path mounted twice appears twice and is unmounted twice.
        found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return found;
    }

    /** Undoes the octal escapes the kernel uses for space, tab, newline and backslash in mountinfo. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String field, int start) {
        if (start + 3 > field.length()) {
            return false;
        }
        for (int i = start; i < start + 3; i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
