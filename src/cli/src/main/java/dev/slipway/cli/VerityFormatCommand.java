package dev.slipway.cli;

import dev.slipway.verity.Verity;
import dev.slipway.verity.VerityParameters;
import dev.slipway.verity.VerityResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "format", mixinStandardHelpOptions = true,
        description = {"Hashes DATA and writes the verity superblock and hash tree into HASH; prints the root hash.",
            "Unlike veritysetup, the default salt and UUID are not random: they are derived from the data's size"
                + " and its first and last 64 KiB, so formatting the same data twice gives the same bytes."})
final class VerityFormatCommand implements Callable<Integer> {

    private static final int SAMPLE_BYTES = 64 * 1024;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    VerityOptions placement;

    @Parameters(index = "0", paramLabel = "DATA", description = "Data file (e.g. an EROFS image).")
    Path data;

    @Parameters(index = "1", paramLabel = "HASH", description = "File for the hash area; may be DATA itself.")
    Path hash;

    @Option(names = "--data-blocks", paramLabel = "N",
            description = "Data blocks to cover. Default: the hash offset's worth when DATA is HASH, else all of DATA.")
    Long dataBlocks;

    @Option(names = "--salt", paramLabel = "HEX", description = "Salt in hex ('-' for none).")
    String salt;

    @Option(names = "--uuid", paramLabel = "UUID", description = "UUID of the hash area.")
    UUID uuid;

    @Option(names = "--stats", description = "Print hashing time and throughput on stderr.")
    boolean stats;

    @Override
    public Integer call() throws IOException {
        long blocks = dataBlocks != null ? dataBlocks : defaultDataBlocks();
        byte[] saltBytes = salt != null ? VerityOptions.parseHex("--salt", salt) : derivedSalt(blocks);
        UUID id = uuid != null ? uuid : derivedUuid(saltBytes);
        VerityParameters parameters = new VerityParameters(VerityParameters.DEFAULT_ALGORITHM,
                VerityParameters.DEFAULT_BLOCK_SIZE, VerityParameters.DEFAULT_BLOCK_SIZE, blocks, saltBytes, id);

        long start = System.nanoTime();
        VerityResult result = Verity.format(data, hash, placement.hashOffset, parameters,
                output.progress(spec.commandLine().getErr()));
        long nanos = System.nanoTime() - start;
        if (stats) {
            double seconds = nanos / 1e9;
            spec.commandLine().getErr().printf(Locale.ROOT, "slipway verity format: hashed %s in %.3f s (%.2f GB/s)%n",
                    Sizes.human(parameters.dataSize()), seconds, parameters.dataSize() / seconds / 1e9);
        }

        var out = spec.commandLine().getOut();
        if (output.json) {
            Json.print(out, new Result(VerityOptions.Parameters.of(parameters), placement.hashOffset,
                    result.hashAreaSize(), result.rootHashHex()));
        } else {
            VerityOptions.printHeader(out, hash.toString(), parameters);
            out.printf("Root hash:      \t%s%n", result.rootHashHex());
            out.flush();
        }
        return ExitCode.OK;
    }

    private long defaultDataBlocks() throws IOException {
        int blockSize = VerityParameters.DEFAULT_BLOCK_SIZE;
        boolean sameFile = Files.exists(hash) && Files.isSameFile(data, hash);
        long bytes = sameFile && placement.hashOffset > 0 ? placement.hashOffset : Files.size(data);
        if (bytes == 0 || bytes % blockSize != 0) {
            throw new InvalidInputException((sameFile ? "hash offset " : data + ": size ") + bytes
                    + " is not a positive multiple of " + blockSize + " bytes; pass --data-blocks");
        }
        return bytes / blockSize;
    }

    /** SHA-256 over the data's size and its first and last 64 KiB: stable, cheap, and image-specific. */
    private byte[] derivedSalt(long blocks) throws IOException {
        long size = blocks * VerityParameters.DEFAULT_BLOCK_SIZE;
        MessageDigest sha = sha256();
        sha.update("slipway verity salt v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        sha.update(ByteBuffer.allocate(8).putLong(size).flip());
        try (FileChannel in = FileChannel.open(data, StandardOpenOption.READ)) {
            sha.update(readAt(in, 0, (int) Math.min(SAMPLE_BYTES, size)));
            sha.update(readAt(in, Math.max(0, size - SAMPLE_BYTES), (int) Math.min(SAMPLE_BYTES, size)));
        }
        return sha.digest();
    }

    private static UUID derivedUuid(byte[] saltBytes) {
        MessageDigest sha = sha256();
        sha.update("slipway verity uuid v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return dev.slipway.tree.TreeDigest.uuidFrom(sha.digest(saltBytes));
    }

    private static ByteBuffer readAt(FileChannel in, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && in.read(buffer, position + buffer.position()) >= 0) {
            // keep reading: the data file is at least `size` bytes (checked by Verity.format)
        }
        return buffer.flip();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Result(VerityOptions.Parameters parameters, long hashOffset, long hashAreaBytes, String rootHash) {
    }
}
