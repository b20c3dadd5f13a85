package dev.slipway.build.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the dynamic loader needs to run an ELF executable or library, read from its bytes: the
 * program interpreter (PT_INTERP) and the shared libraries it names (DT_NEEDED), in file order. The
 * initrd builder follows them to copy exactly what a program needs, as ldd would, without running
 * anything from the image. Only 64-bit little-endian ELF (x86-64, aarch64), which is what Slipway
 * builds for.
 *
 * @param interpreter the loader's path ("/lib64/ld-linux-x86-64.so.2"), empty for a static file
 * @param needed      the DT_NEEDED names ("libc.so.6")
 */
public record ElfFile(Optional<String> interpreter, List<String> needed) {

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;

    /** Whether {@code bytes} start like an ELF file at all. */
    public static boolean isElf(byte[] head) {
        return head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    }

    /** Parses a whole ELF file; a file that is not 64-bit little-endian ELF is refused with why. */
    public static ElfFile parse(byte[] file, String name) {
        if (!isElf(file) || file.length < 64) {
            throw new IllegalArgumentException(name + " is not an ELF file");
        }
        if (file[4] != 2 || file[5] != 1) {
            throw new IllegalArgumentException(name + " is not 64-bit little-endian ELF");
        }
        ByteBuffer elf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = elf.getLong(0x20);
        int phentsize = Short.toUnsignedInt(elf.getShort(0x36));
        int phnum = Short.toUnsignedInt(elf.getShort(0x38));
        List<long[]> loads = new ArrayList<>(); // {vaddr, offset, filesz}
        String interpreter = null;
        long dynamicOffset = -1;
        long dynamicSize = 0;
        for (int i = 0; i < phnum; i++) {
            int at = checked(file, phoff + (long) i * phentsize, 56, name);
            int type = elf.getInt(at);
            long offset = elf.getLong(at + 8);
            long vaddr = elf.getLong(at + 16);
            long filesz = elf.getLong(at + 32);
            switch (type) {
                case PT_INTERP -> interpreter = cString(file, checked(file, offset, (int) filesz, name), name);
                case PT_DYNAMIC -> {
                    dynamicOffset = offset;
                    dynamicSize = filesz;
                }
                case PT_LOAD -> loads.add(new long[] {vaddr, offset, filesz});
                default -> {
                }
            }
        }
        List<String> needed = new ArrayList<>();
        if (dynamicOffset >= 0) {
            List<Long> neededOffsets = new ArrayList<>();
            long stringTable = -1;
            for (long at = dynamicOffset; at + 16 <= dynamicOffset + dynamicSize; at += 16) {
                int entry = checked(file, at, 16, name);
                long tag = elf.getLong(entry);
                long value = elf.getLong(entry + 8);
                if (tag == DT_NULL) {
                    break;
                }
                if (tag == DT_NEEDED) {
                    neededOffsets.add(value);
                } else if (tag == DT_STRTAB) {
                    stringTable = fileOffset(loads, value, name);
                }
            }
            if (!neededOffsets.isEmpty() && stringTable < 0) {
                throw new IllegalArgumentException(name + " names libraries but has no string table");
            }
            for (long offset : neededOffsets) {
                needed.add(cString(file, checked(file, stringTable + offset, 1, name), name));
            }
        }
        return new ElfFile(Optional.ofNullable(interpreter), List.copyOf(needed));
    }

    /** DT_STRTAB is an address: the loadable segment that maps it says where it is in the file. */
    private static long fileOffset(List<long[]> loads, long address, String name) {
        for (long[] load : loads) {
            if (address >= load[0] && address < load[0] + load[2]) {
                return address - load[0] + load[1];
            }
        }
        throw new IllegalArgumentException(name + ": its string table lies outside every loaded segment");
    }

    private static int checked(byte[] file, long offset, int length, String name) {
        if (offset < 0 || length < 0 || offset + length > file.length) {
            throw new IllegalArgumentException(name + " is truncated or malformed (offset " + offset + ")");
        }
        return (int) offset;
    }

    private static String cString(byte[] file, int start, String name) {
        int end = start;
        while (end < file.length && file[end] != 0) {
            end++;
        }
        if (end == file.length) {
            throw new IllegalArgumentException(name + " has an unterminated string at offset " + start);
        }
        return new String(file, start, end - start, StandardCharsets.UTF_8);
    }
}
