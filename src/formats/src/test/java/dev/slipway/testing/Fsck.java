package dev.slipway.testing;

import java.io.IOException;
import java.nio.file.Path;

/** The filesystems' own checkers, as referees for images Slipway writes. */
public final class Fsck {

    private Fsck() {
    }

    /**
     * Runs {@code fsck.erofs --extract} (erofs-utils), which walks every inode and decodes every
     * file's data without writing anything out; fails with the tool's output unless it is happy.
     *
     * <p>erofs-utils 1.5 reads a flat file's data in one piece and crashes on files over 2 GiB,
     * its own images included: check those with {@link #erofsStructure}.
     *
     * @return what the tool printed
     */
    public static String erofs(Path image) throws IOException {
        return run("fsck.erofs", "--extract", image.toString());
    }

    /** Runs {@code fsck.erofs} without data decoding: superblock, inodes, directories, xattrs. */
    public static String erofsStructure(Path image) throws IOException {
        return run("fsck.erofs", image.toString());
    }

    private static String run(String... command) throws IOException {
        Command.Result result = Command.run(command).check();
        String output = result.out() + result.err();
        // erofs-utils prefixes errors with "<E>"; some problems are only reported, not in the exit code.
        if (output.contains("<E>") || output.toLowerCase(java.util.Locale.ROOT).contains("corrupt")) {
            throw new AssertionError(String.join(" ", command) + " reported problems:\n" + output);
        }
        return output;
    }
}
