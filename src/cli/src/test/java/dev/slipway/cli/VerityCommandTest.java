package dev.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testing.Command;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slipway verity} against {@code veritysetup}: each must accept the other's work. */
class VerityCommandTest {

    private static final String SALT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String UUID = "00112233-4455-6677-8899-aabbccddeeff";

    @TempDir
    Path work;

    @Test
    void formatMatchesVeritysetupByteForByteInASeparateFile() throws IOException {
        Path data = randomData(129);
        JsonNode ours = json(Cli.run("verity", "format", data.toString(), work.resolve("ours").toString(),
                "--salt", SALT, "--uuid", UUID, "--json", "-q"));
        String theirs = Command.run("veritysetup", "format", data.toString(), work.resolve("theirs").toString(),
                "--salt", SALT, "--uuid", UUID).check().out();
        assertTrue(theirs.contains(ours.get("rootHash").asText()), theirs);
        assertEquals(-1, Files.mismatch(work.resolve("ours"), work.resolve("theirs")));
    }

    @Test
    void appendedTreeIsAcceptedByVeritysetupAndDumpsAlike() throws IOException {
        Path image = randomData(300);
        long offset = Files.size(image);
        String offsetArg = "--hash-offset=" + offset;
        JsonNode formatted = json(Cli.run("verity", "format", image.toString(), image.toString(), offsetArg,
                "--salt", SALT, "--uuid", UUID, "--json", "-q"));
        String root = formatted.get("rootHash").asText();
        assertEquals(300, formatted.get("parameters").get("dataBlocks").asLong());

        Command.run("veritysetup", "verify", image.toString(), image.toString(), root, offsetArg).check();
        String dump = Command.run("veritysetup", "dump", image.toString(), offsetArg).check().out();
        JsonNode ours = json(Cli.run("verity", "dump", image.toString(), offsetArg, "--json"));
        assertTrue(dump.matches("(?s).*UUID:\\s+" + ours.get("uuid").asText() + "\\n.*"), dump);
        assertTrue(dump.matches("(?s).*Data blocks:\\s+" + ours.get("dataBlocks").asLong() + "\\n.*"), dump);
        assertTrue(dump.matches("(?s).*Salt:\\s+" + ours.get("salt").asText() + "\\n.*"), dump);
        assertTrue(dump.matches("(?s).*Hash algorithm:\\s+" + ours.get("hashAlgorithm").asText() + "\\n.*"), dump);

        Cli.Run verified = Cli.run("verity", "verify", image.toString(), image.toString(), root, offsetArg, "-q");
        assertEquals(ExitCode.OK, verified.exitCode(), verified.err());
    }

    @Test
    void aFlippedBitFailsBothVerifiersAndOursNamesTheBlock() throws IOException {
        Path data = randomData(200);
        Path hash = work.resolve("hash");
        String root = json(Cli.run("verity", "format", data.toString(), hash.toString(), "--json", "-q"))
                .get("rootHash").asText();
        try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "rw")) {
            file.seek(137L * 4096 + 5);
            int b = file.read();
            file.seek(137L * 4096 + 5);
            file.write(b ^ 0x10);
        }
        Cli.Run ours = Cli.run("verity", "verify", data.toString(), hash.toString(), root, "-q");
        assertEquals(ExitCode.CHECK_FAILED, ours.exitCode());
        assertTrue(ours.err().contains("137"), ours.err());
        assertNotEquals(0, Command.run("veritysetup", "verify", data.toString(), hash.toString(), root).exitCode());
    }

    @Test
    void withoutSaltOrUuidTheSameDataFormatsToTheSameBytes() throws IOException {
        Path data = randomData(64);
        String first = json(Cli.run("verity", "format", data.toString(), work.resolve("h1").toString(), "--json", "-q"))
                .get("rootHash").asText();
        String second = json(Cli.run("verity", "format", data.toString(), work.resolve("h2").toString(), "--json", "-q"))
                .get("rootHash").asText();
        assertEquals(first, second);
        assertEquals(-1, Files.mismatch(work.resolve("h1"), work.resolve("h2")));
    }

    @Test
    void aFileWithoutSuperblockIsRefusedAsInput() throws IOException {
        Path data = randomData(2);
        Cli.Run run = Cli.run("verity", "dump", data.toString());
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode());
        assertTrue(run.err().startsWith("slipway verity dump: "), run.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{}, {"erofs"}, {"verity"}, {"verity", "format"},
            {"verity", "verify"}, {"verity", "dump"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            Cli.Run run = Cli.run(args);
            assertEquals(0, run.exitCode(), String.join(" ", args));
            assertTrue(run.out().startsWith("Usage: slipway"), run.out());
        }
        assertEquals(ExitCode.USAGE, Cli.run("erofs").exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("verity", "format", "--no-such-option", "a", "b").exitCode());
    }

    private Path randomData(int blocks) throws IOException {
        byte[] bytes = new byte[blocks * 4096];
        new Random(blocks).nextBytes(bytes);
        return Files.write(work.resolve("data-" + blocks), bytes);
    }

    private static JsonNode json(Cli.Run run) throws IOException {
        assertEquals(0, run.exitCode(), run.err());
        return new ObjectMapper().readTree(run.out());
    }
}
