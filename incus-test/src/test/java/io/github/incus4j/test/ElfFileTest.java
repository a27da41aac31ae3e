package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfFileTest {

    private static final int PT_LOAD = 1;
    private static final int PT_INTERP = 3;

    @TempDir
    Path directory;

    @Test
    void aProgramHeaderOfTypeInterpMeansDynamicallyLinked() throws Exception {
        assertThat(ElfFile.needsInterpreter(elf64(directory.resolve("dynamic"), PT_LOAD, PT_INTERP))).isTrue();
        assertThat(ElfFile.needsInterpreter(elf64(directory.resolve("static"), PT_LOAD, PT_LOAD))).isFalse();
    }

    @Test
    void theJavaLauncherOfThisJvmIsDynamicallyLinked() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertThat(ElfFile.needsInterpreter(java)).isTrue();
    }

    @Test
    void otherFilesAreNotElf() throws Exception {
        Path script = Files.writeString(directory.resolve("script"), "#!/bin/sh\necho hi\n".repeat(10));
        assertThatThrownBy(() -> ElfFile.needsInterpreter(script)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an ELF file");
    }

    /** A minimal little-endian 64-bit ELF header followed by program headers of the given types. */
    private static Path elf64(Path file, int... programHeaderTypes) throws IOException {
        int entrySize = 56;
        ByteBuffer buffer = ByteBuffer.allocate(64 + entrySize * programHeaderTypes.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1});
        buffer.putLong(0x20, 64);
        buffer.putShort(0x36, (short) entrySize);
        buffer.putShort(0x38, (short) programHeaderTypes.length);
        for (int i = 0; i < programHeaderTypes.length; i++) {
            buffer.putInt(64 + i * entrySize, programHeaderTypes[i]);
        }
        return Files.write(file, buffer.array());
    }
}
