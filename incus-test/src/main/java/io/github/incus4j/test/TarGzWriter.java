package io.github.incus4j.test;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a gzip-compressed tar archive in the POSIX ustar format, with every entry owned by root.
 *
 * <p>Writing the archive directly, instead of staging a tree on disk and calling {@code tar},
 * gives exact control over modes (the sticky bit of {@code /tmp}, which Java cannot set on a
 * file), owners (uid/gid 0 even when the files would be owned by someone else) and symbolic links.
 * Only what the BusyBox image needs is supported: directories, regular files and symbolic links
 * with ASCII names.
 */
final class TarGzWriter implements Closeable {

    private static final int BLOCK = 512;
    private static final int NAME_LENGTH = 100;
    private static final int PREFIX_LENGTH = 155;

    private final OutputStream out;
    private final long modificationTime;

    /**
     * @param file             the archive to create (replaced if it exists)
     * @param modificationTime modification time of every entry, seconds since the epoch
     */
    TarGzWriter(Path file, long modificationTime) throws IOException {
        this.out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), 64 * 1024);
        this.modificationTime = modificationTime;
    }

    void directory(String path, int mode) throws IOException {
        directory(path, mode, 0, 0);
    }

    void file(String path, int mode, byte[] content) throws IOException {
        file(path, mode, 0, 0, content);
    }

    void file(String path, int mode, int uid, int gid, byte[] content) throws IOException {
        header(path, mode, uid, gid, content.length, '0', "");
        out.write(content);
        pad(content.length);
    }

    void directory(String path, int mode, int uid, int gid) throws IOException {
        header(path.endsWith("/") ? path : path + "/", mode, uid, gid, 0, '5', "");
    }

    void symlink(String path, String target) throws IOException {
        if (target.length() > NAME_LENGTH) {
            throw new IllegalArgumentException("Link target too long for ustar: " + target);
        }
        header(path, 0777, 0, 0, 0, '2', target);
    }

    /** Writes the two zero blocks that end a tar archive and finishes the gzip stream. */
    @Override
    public void close() throws IOException {
        try {
            out.write(new byte[2 * BLOCK]);
        } finally {
            out.close();
        }
    }

    private void header(String path, int mode, int uid, int gid, long size, char type, String linkTarget)
            throws IOException {
        byte[] block = new byte[BLOCK];
        String[] split = splitName(path);
        ascii(block, 0, NAME_LENGTH, split[1]);
        octal(block, 100, 8, mode);
        octal(block, 108, 8, uid);
        octal(block, 116, 8, gid);
        octal(block, 124, 12, size);
        octal(block, 136, 12, modificationTime);
        block[156] = (byte) type;
        ascii(block, 157, NAME_LENGTH, linkTarget);
        ascii(block, 257, 6, "ustar");
        ascii(block, 263, 2, "00");
        ascii(block, 265, 32, uid == 0 ? "root" : "");
        ascii(block, 297, 32, gid == 0 ? "root" : "");
        ascii(block, 345, PREFIX_LENGTH, split[0]);
        // The checksum is computed with its own field filled with spaces, then stored as six octal
        // digits, a NUL and a space.
        Arrays.fill(block, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : block) {
            sum += b & 0xFF;
        }
        ascii(block, 148, 6, String.format("%06o", sum));
        block[154] = 0;
        block[155] = ' ';
        out.write(block);
    }

    /** Splits a path into the ustar prefix and name fields. */
    private static String[] splitName(String path) {
        if (path.length() <= NAME_LENGTH) {
            return new String[] {"", path};
        }
        int slash = path.lastIndexOf('/', path.length() - 2);
        while (slash > 0 && (slash > PREFIX_LENGTH || path.length() - slash - 1 > NAME_LENGTH)) {
            slash = path.lastIndexOf('/', slash - 1);
        }
        if (slash <= 0 || slash > PREFIX_LENGTH || path.length() - slash - 1 > NAME_LENGTH) {
            throw new IllegalArgumentException("Path too long for ustar: " + path);
        }
        return new String[] {path.substring(0, slash), path.substring(slash + 1)};
    }

    private static void ascii(byte[] block, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > length) {
            throw new IllegalArgumentException("Field too long for ustar: " + value);
        }
        System.arraycopy(bytes, 0, block, offset, bytes.length);
    }

    /** Writes a zero-padded octal number that leaves room for the terminating NUL. */
    private static void octal(byte[] block, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > length - 1) {
            throw new IllegalArgumentException("Value too large for a ustar field: " + value);
        }
        ascii(block, offset, length - 1, "0".repeat(length - 1 - digits.length()) + digits);
    }

    private void pad(long size) throws IOException {
        int remainder = (int) (size % BLOCK);
        if (remainder != 0) {
            out.write(new byte[BLOCK - remainder]);
        }
    }
}
