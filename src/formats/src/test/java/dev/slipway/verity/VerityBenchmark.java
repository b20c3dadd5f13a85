package dev.slipway.verity;

import dev.slipway.io.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

/**
 * In-process throughput of {@link Verity#format}: formats a file's whole 4 KiB blocks into a
 * separate temporary hash file N times and prints GB/s (10^9 bytes per second) for each run, then
 * a summary line for scripts:
 *
 * <pre>verity-format bytes=N runs=N best_s=S median_s=S best_gbps=G median_gbps=G</pre>
 *
 * <p>Usage: {@code VerityBenchmark DATA_FILE [RUNS=5] [verify]}; with {@code verify}, each run is
 * also verified and timed the same way. The first run includes JIT warm-up; keep the file in the
 * page cache (read it once) to measure hashing rather than the disk.
 */
public final class VerityBenchmark {

    private VerityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: VerityBenchmark DATA_FILE [RUNS] [verify]");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean verify = args.length > 2 && args[2].equals("verify");
        long blocks = Files.size(data) / VerityParameters.DEFAULT_BLOCK_SIZE;
        VerityParameters parameters = VerityParameters.of(blocks)
                .withSalt(new byte[32])
                .withUuid(UUID.fromString("00000000-0000-4000-8000-000000000000"));
        Path hash = Files.createTempFile("verity-bench", ".hash");
        try {
            double[] format = new double[runs];
            double[] check = new double[runs];
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                VerityResult result = Verity.format(data, hash, 0, parameters, Progress.NONE);
                format[run] = (System.nanoTime() - start) / 1e9;
                String line = String.format("run %d: format %.3f s, %.2f GB/s", run + 1, format[run],
                        parameters.dataSize() / 1e9 / format[run]);
                if (verify) {
                    start = System.nanoTime();
                    VerificationResult checked = Verity.verify(data, hash, 0, result.rootHash(), Progress.NONE);
                    check[run] = (System.nanoTime() - start) / 1e9;
                    line += String.format("; verify %.3f s, %.2f GB/s%s", check[run],
                            parameters.dataSize() / 1e9 / check[run], checked.ok() ? "" : " FAILED");
                }
                System.out.println(line + "  root " + result.rootHashHex());
            }
            summary("verity-format", parameters.dataSize(), format);
            if (verify) {
                summary("verity-verify", parameters.dataSize(), check);
            }
        } finally {
            Files.deleteIfExists(hash);
        }
    }

    private static void summary(String name, long bytes, double[] seconds) {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double best = sorted[0];
        double median = sorted[sorted.length / 2];
        System.out.printf("%s bytes=%d runs=%d best_s=%.3f median_s=%.3f best_gbps=%.2f median_gbps=%.2f%n", name, bytes,
                sorted.length, best, median, bytes / 1e9 / best, bytes / 1e9 / median);
    }
}
