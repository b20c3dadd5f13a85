package dev.slipway.cli;

import dev.slipway.verity.VerityParameters;
import java.util.HexFormat;
import picocli.CommandLine.Option;

/** The hash-area placement options {@code format}, {@code verify} and {@code dump} share. */
final class VerityOptions {

    @Option(names = "--hash-offset", paramLabel = "BYTES", defaultValue = "0",
            description = "Where the hash area starts in HASH (a multiple of 512). With DATA and HASH the same"
                    + " file, the tree sits after the data, as in Flatcar's /usr partitions.")
    long hashOffset;

    static byte[] parseHex(String what, String hex) {
        if (hex.equals("-")) {
            return new byte[0];
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + " '" + hex + "' is not hexadecimal (two digits per byte)");
        }
    }

    /** The lines {@code veritysetup format} and {@code dump} print, in their order. */
    static void printHeader(java.io.PrintWriter out, String hash, VerityParameters p) {
        out.printf("VERITY header information for %s%n", hash);
        out.printf("UUID:            \t%s%n", p.uuid());
        out.printf("Hash type:       \t1%n");
        out.printf("Data blocks:     \t%d%n", p.dataBlocks());
        out.printf("Data block size: \t%d%n", p.dataBlockSize());
        out.printf("Hash block size: \t%d%n", p.hashBlockSize());
        out.printf("Hash algorithm:  \t%s%n", p.algorithm());
        out.printf("Salt:            \t%s%n", p.salt().length == 0 ? "-" : p.saltHex());
    }

    /** What {@code --json} prints for a tree's parameters. */
    record Parameters(String uuid, int hashType, long dataBlocks, int dataBlockSize, int hashBlockSize,
                      String hashAlgorithm, String salt) {
        static Parameters of(VerityParameters p) {
            return new Parameters(p.uuid().toString(), 1, p.dataBlocks(), p.dataBlockSize(), p.hashBlockSize(),
                    p.algorithm(), p.saltHex());
        }
    }
}
