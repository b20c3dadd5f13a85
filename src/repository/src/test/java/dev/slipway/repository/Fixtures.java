package dev.slipway.repository;

import dev.slipway.testing.Command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Test data and the command-line referees (zstd, veritysetup, mkfs.erofs). */
final class Fixtures {

    static final int BLOCK = FrameIndex.BLOCK_SIZE;

    private Fixtures() {
    }

    /**
     * {@code blocks} 4 KiB blocks that compress differently, as a filesystem's do: random blocks,
     * zero blocks and repetitive text, in a pattern fixed by {@code seed}.
     */
    static byte[] mixedData(long seed, int blocks) {
        Random random = new Random(seed);
        byte[] data = new byte[blocks * BLOCK];
        byte[] text = "Slipway writes verified blocks into the inactive slot. ".repeat(80)
                .getBytes(StandardCharsets.US_ASCII);
        for (int b = 0; b < blocks; b++) {
            switch (random.nextInt(3)) {
                case 0 -> {
                    byte[] block = new byte[BLOCK];
                    random.nextBytes(block);
                    System.arraycopy(block, 0, data, b * BLOCK, BLOCK);
                }
                case 1 -> { } // zeros
                default -> System.arraycopy(text, random.nextInt(50), data, b * BLOCK, BLOCK);
            }
        }
        return data;
    }

    /** The compressed bytes of {@code frame} in the frames file. */
    static byte[] payloadOf(Path frames, FrameIndex.Frame frame) throws IOException {
        byte[] all = Files.readAllBytes(frames);
        return Arrays.copyOfRange(all, Math.toIntExact(frame.payloadOffset()), Math.toIntExact(frame.payloadEnd()));
    }

    /** The zstd command-line tool; fails the test if it fails. */
    static Command.Result zstd(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("zstd", "-q"));
        command.addAll(List.of(args));
        return Command.run(command).check();
    }

    /** Compresses {@code data} with the zstd tool and returns the frame, with {@code options} added. */
    static byte[] zstdCompress(Path dir, byte[] data, String... options) throws IOException {
        Path in = Files.write(Files.createTempFile(dir, "in", ".bin"), data);
        Path out = dir.resolve(in.getFileName() + ".zst");
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("-f", "-o", out.toString(), in.toString()));
        zstd(args.toArray(String[]::new));
        return Files.readAllBytes(out);
    }

    /** A frame record for {@code compressed}, as a repository that lies consistently would publish it. */
    static FrameIndex.Frame frameFor(byte[] compressed, int number, long dataOffset, int dataLength) {
        String sha256 = HexFormat.of().formatHex(FramedPayload.sha256().digest(compressed));
        return new FrameIndex.Frame(number, dataOffset, dataLength, 0, compressed.length, sha256);
    }
}
