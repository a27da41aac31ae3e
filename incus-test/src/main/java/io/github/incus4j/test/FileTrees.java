package io.github.incus4j.test;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Deletes directory trees that a daemon or its containers wrote, without leaving the tree. */
final class FileTrees {

    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything below it. Symbolic links are deleted, never followed
     * (container file systems are full of links to absolute paths such as {@code /bin/busybox},
     * which would point at the host). Directories in {@code mountPoints} are left alone, so a file
     * system that could not be unmounted is never emptied.
     *
     * @return a description of every path that could not be deleted; empty on full success
     */
    static List<String> delete(Path root, Collection<Path> mountPoints) {
        return delete(root, mountPoints, true);
    }

    /**
     * Deletes the directories of the tree at {@code root}, deepest first, and none of its files: for
     * cgroup file systems, where a directory goes (with {@code rmdir}) together with its control
     * files, and the files themselves cannot be deleted.
     *
     * @return a description of every directory that could not be deleted; empty on full success
     */
    static List<String> deleteDirectories(Path root) {
        return delete(root, List.of(), false);
    }

    private static List<String> delete(Path root, Collection<Path> mountPoints, boolean files) {
        List<String> problems = new ArrayList<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return problems;
        }
        Set<Path> keepOut = Set.copyOf(mountPoints);
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (keepOut.contains(dir)) {
                        problems.add(dir + " is still a mount point; left in place");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (files) {
                        deleteOne(file, problems);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!(e instanceof NoSuchFileException)) {
                        problems.add(file + ": " + e);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    deleteOne(dir, problems);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(root + ": " + e);
        }
        return problems;
    }

    private static void deleteOne(Path path, List<String> problems) {
        try {
            Files.deleteIfExists(path);
        } catch (DirectoryNotEmptyException e) {
            // Something below was kept (and reported) or is being written right now; say which.
            problems.add(path + " is not empty; left in place");
        } catch (IOException e) {
            problems.add(path + ": " + e);
        }
    }
}
