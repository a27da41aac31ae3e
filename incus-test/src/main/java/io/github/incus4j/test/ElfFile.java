package io.github.incus4j.test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tells whether an ELF executable needs a dynamic loader.
 *
 * <p>The BusyBox binary is copied into a container image that has no C library. A dynamically
 * linked BusyBox (Debian's {@code busybox} package rather than {@code busybox-static}) would import
 * fine and then fail at every container start, so this is checked up front.
 */
final class ElfFile {

    private static final int PT_INTERP = 3;
    private static final int MAX_PROGRAM_HEADERS = 4096;

    private ElfFile() {
    }

    /**
     * @return {@code true} if the file has a {@code PT_INTERP} program header
     * @throws IOException if the file cannot be read or is not an ELF file
     */
    static boolean needsInterpreter(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer ident = read(channel, 0, 16);
            if (ident.getInt(0) != 0x7F454C46) {
                throw new IOException(file + " is not an ELF file");
            }
            boolean is64Bit = ident.get(4) == 2;
            ByteOrder order = ident.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            ByteBuffer header = read(channel, 0, is64Bit ? 64 : 52).order(order);
            long programHeaderOffset = is64Bit ? header.getLong(0x20) : Integer.toUnsignedLong(header.getInt(0x1C));
            int entrySize = Short.toUnsignedInt(header.getShort(is64Bit ? 0x36 : 0x2A));
            int entryCount = Short.toUnsignedInt(header.getShort(is64Bit ? 0x38 : 0x2C));
            if (entryCount > MAX_PROGRAM_HEADERS || entrySize < 4) {
                throw new IOException(file + " has an implausible ELF program header table");
            }
            for (int i = 0; i < entryCount; i++) {
                ByteBuffer type = read(channel, programHeaderOffset + (long) i * entrySize, 4).order(order);
                if (type.getInt(0) == PT_INTERP) {
                    return true;
                }
            }
            return false;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("ELF file is truncated");
            }
        }
        return buffer.flip();
    }
}
