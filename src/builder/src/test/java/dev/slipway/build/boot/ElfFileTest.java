package dev.slipway.build.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** readelf (binutils) is the referee for what each of the host's programs needs. */
class ElfFileTest {

    private static List<String> readelfNeeded(Path file) throws Exception {
        String dynamic = Command.run("readelf", "-d", file.toString()).check().out();
        Matcher m = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[([^\\]]+)\\]").matcher(dynamic);
        List<String> needed = new ArrayList<>();
        while (m.find()) {
            needed.add(m.group(1));
        }
        return needed;
    }

    private static Optional<String> readelfInterpreter(Path file) throws Exception {
        Matcher m = Pattern.compile("Requesting program interpreter: ([^\\]]+)\\]")
                .matcher(Command.run("readelf", "-l", file.toString()).check().out());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Test
    void agreesWithReadelfOnProgramsAndLibrariesOfThisHost() throws Exception {
        List<Path> files = new ArrayList<>(List.of(Path.of("/usr/sbin/veritysetup"), Path.of("/usr/bin/ls"),
                Path.of("/usr/bin/bash")));
        try (var libs = Files.list(Path.of("/usr/lib/x86_64-linux-gnu"))) {
            libs.filter(p -> p.getFileName().toString().matches("lib(c|crypto|cryptsetup|blkid)\\.so\\.[0-9.]+"))
                    .filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            ElfFile elf = ElfFile.parse(Files.readAllBytes(file), file.toString());
            assertEquals(readelfNeeded(file), elf.needed(), file.toString());
            assertEquals(readelfInterpreter(file), elf.interpreter(), file.toString());
        }
        assertTrue(files.size() >= 5, files.toString());
    }

    @Test
    void aStaticProgramNeedsNothing() throws Exception {
        Path busybox = Path.of("/bin/busybox");
        if (Files.isRegularFile(busybox) && readelfNeeded(busybox).isEmpty()) {
            ElfFile elf = ElfFile.parse(Files.readAllBytes(busybox), "busybox");
            assertEquals(List.of(), elf.needed());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ElfFile.parse("#!/bin/sh\n".getBytes(), "init"));
        assertEquals("init is not an ELF file", e.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(Files.readAllBytes(Path.of("/usr/bin/ls")), 200);
        assertThrows(IllegalArgumentException.class, () -> ElfFile.parse(truncated, "ls"));
    }
}
