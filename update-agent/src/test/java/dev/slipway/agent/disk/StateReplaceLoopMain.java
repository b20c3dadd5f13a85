package dev.slipway.agent.disk;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A second process for the crash test: replaces state file "state" in args[0] with generation 1, 2, 3, ... until
 * killed, saying "started" after the first. Each generation is {@link #SIZE} bytes: its number, then that
 * number's low byte repeated, so a file mixing two generations shows.
 */
public final class StateReplaceLoopMain {

    static final int SIZE = 256 * 1024;

    private StateReplaceLoopMain() {
    }

    static byte[] generation(long n) {
        ByteBuffer bytes = ByteBuffer.allocate(SIZE).putLong(n);
        while (bytes.hasRemaining()) {
            bytes.put((byte) n);
        }
        return bytes.array();
    }

    /** The generation {@code bytes} is, or -1 when they are not exactly one generation. */
    static long generationOf(byte[] bytes) {
        if (bytes.length != SIZE) {
            return -1;
        }
        long n = ByteBuffer.wrap(bytes).getLong();
        return java.util.Arrays.equals(bytes, generation(n)) ? n : -1;
    }

    public static void main(String[] args) throws Exception {
        DirectoryStateFiles state = new DirectoryStateFiles(Path.of(args[0]));
        long start = state.read("state").map(StateReplaceLoopMain::generationOf).orElse(0L);
        for (long n = start + 1; ; n++) {
            state.replace("state", generation(n));
            if (n == start + 1) {
                System.out.println("started");
                System.out.flush();
            }
        }
    }
}
