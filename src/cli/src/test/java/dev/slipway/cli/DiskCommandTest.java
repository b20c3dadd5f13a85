package dev.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.source.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `slipway disk inspect` and `slipway disk convert` on a small built disk, with qemu-img and cgpt as peers. */
class DiskCommandTest {

    @TempDir
    static Path shared;
    private static Path out;
    private static JsonNode record;
    private static JsonNode manifest;

    @TempDir
    Path work;

    @BeforeAll
    static void buildASmallDisk() throws IOException {
        Path profile = SmallTarImage.create(shared, "small-disk", "3.1");
        out = shared.resolve("out");
        Cli.Run build = Cli.run("build", profile.toString(), "-o", out.toString(), "-q");
        assertEquals(ExitCode.OK, build.exitCode(), build.err());
        record = new ObjectMapper().readTree(out.resolve("build.json").toFile());
        manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    }

    @Test
    void inspectShowsTheTableTheSlotsAndWhatUsrARecords() throws IOException {
        for (String file : new String[] {"disk.raw", "disk.vhd", "disk.vhdx"}) {
            Cli.Run run = Cli.run("disk", "inspect", out.resolve(file).toString(), "--json");
            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertEquals(record.get("disk").get("size").asLong(), json.get("virtualSize").asLong(), file);
            assertEquals(record.get("disk").get("guid").asText(), json.get("diskGuid").asText(), file);
            assertEquals(7, json.get("partitions").size(), file);
            JsonNode usrA = json.get("slots").get(0);
            assertEquals("USR-A", usrA.get("label").asText());
            assertEquals(1, usrA.get("priority").asInt());
            assertTrue(usrA.get("successful").asBoolean());
            assertEquals(record.get("usr").get("root-hash").asText(), usrA.get("trailer").get("rootHash").asText());
            assertEquals(record.get("usr").get("hash-offset").asLong(), usrA.get("trailer").get("hashOffset").asLong());
            assertEquals("3.1", usrA.get("trailer").get("imageVersion").asText());
            assertEquals("small-disk", usrA.get("trailer").get("imageName").asText());
            assertEquals("slipway/small-disk/x86_64", usrA.get("trailer").get("compatibility").asText());
            assertEquals(manifest.get("compatibility").asText(), usrA.get("trailer").get("compatibility").asText());
            assertEquals(manifest.get("security-version").asLong(), usrA.get("trailer").get("securityVersion").asLong());
            JsonNode usrB = json.get("slots").get(1);
            assertTrue(usrB.get("trailer").isNull());
            assertTrue(usrB.get("trailerProblem").asText().contains("no slot trailer"));
        }
        JsonNode vhd = new ObjectMapper().readTree(Cli.run("disk", "inspect", out.resolve("disk.vhd").toString(),
                "--json").out()).get("vhd");
        assertEquals("fixed", vhd.get("diskType").asText());
        assertEquals("win ", vhd.get("creatorApplication").asText());
        String text = Cli.run("disk", "inspect", out.resolve("disk.raw").toString()).out();
        assertTrue(text.contains("\n  small-disk 3.1: data "), text);
        assertTrue(text.contains("\n  compatibility slipway/small-disk/x86_64, security version 1\n  root hash "
                + record.get("usr").get("root-hash").asText() + "\n"), text);
    }

    @Test
    void inspectReadsWhatCgptWrites() throws IOException {
        Path copy = Files.copy(out.resolve("disk.raw"), work.resolve("disk.raw"));
        Shell.run("cgpt", "add", "-i", "4", "-P", "2", "-T", "3", "-S", "0", copy.toString());
        JsonNode json = new ObjectMapper().readTree(Cli.run("disk", "inspect", copy.toString(), "--json").out());
        JsonNode usrB = json.get("slots").get(1);
        assertEquals(2, usrB.get("priority").asInt());
        assertEquals(3, usrB.get("tries").asInt());
        assertFalse(usrB.get("successful").asBoolean());
    }

    @Test
    void convertRoundTripsThroughEveryFormat() throws IOException {
        Path raw = out.resolve("disk.raw");
        Path vhdx = work.resolve("c.vhdx");
        Path vhd = work.resolve("c.vhd");
        Path back = work.resolve("back.raw");
        assertEquals(ExitCode.OK, Cli.run("disk", "convert", raw.toString(), vhdx.toString(), "--format", "vhdx", "-q")
                .exitCode());
        assertEquals(ExitCode.OK, Cli.run("disk", "convert", vhdx.toString(), vhd.toString(), "--format", "vhd", "-q")
                .exitCode());
        assertEquals(ExitCode.OK, Cli.run("disk", "convert", vhd.toString(), back.toString(), "--format", "raw", "-q")
                .exitCode());
        Shell.run("qemu-img", "check", "-f", "vhdx", vhdx.toString());
        Shell.run("qemu-img", "compare", "-f", "raw", "-F", "vhdx", raw.toString(), vhdx.toString());
        Shell.run("qemu-img", "compare", "-f", "raw", "-F", "vpc", raw.toString(), vhd.toString());
        assertEquals(-1, Files.mismatch(raw, back));
        assertEquals(ExitCode.OK, Cli.run("disk", "convert", raw.toString(), work.resolve("again.vhdx").toString(),
                "--format", "vhdx", "-q").exitCode());
        assertEquals(-1, Files.mismatch(vhdx, work.resolve("again.vhdx")), "same input, same bytes");
    }

    @Test
    void badRequestsFailClearly() throws IOException {
        Cli.Run unknown = Cli.run("disk", "convert", out.resolve("disk.raw").toString(), work.resolve("x").toString(),
                "--format", "qcow2");
        assertEquals(ExitCode.USAGE, unknown.exitCode());
        assertTrue(unknown.err().contains("qcow2"), unknown.err());
        assertFalse(Files.exists(work.resolve("x")));

        Path notADisk = Files.write(work.resolve("zeros.raw"), new byte[1 << 20]);
        Cli.Run inspect = Cli.run("disk", "inspect", notADisk.toString());
        assertEquals(ExitCode.CHECK_FAILED, inspect.exitCode());
        assertTrue(inspect.out().contains("GPT:"), inspect.out());

        Path odd = Files.write(work.resolve("odd.raw"), new byte[1000 * 1024]);
        Cli.Run vhd = Cli.run("disk", "convert", odd.toString(), work.resolve("odd.vhd").toString(), "--format", "vhd", "-q");
        assertEquals(ExitCode.INVALID_INPUT, vhd.exitCode(), vhd.err());
        assertTrue(vhd.err().contains("MiB"), vhd.err());
        assertFalse(Files.exists(work.resolve("odd.vhd")));
    }
}
