package dev.slipway.cli;

import dev.slipway.io.Progress;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress for long work on stderr: an updating line on a terminal, a line per quarter otherwise
 * (so logs stay short), nothing when quiet.
 */
final class StderrProgress implements Progress {

    private static final long TERMINAL_INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final AtomicLong done = new AtomicLong();
    private volatile String task = "";
    private volatile long total;
    private long lastPrintNanos;
    private int lastQuarter;

    StderrProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static Progress forCommand(PrintWriter err, boolean quiet) {
        return quiet ? Progress.NONE : new StderrProgress(err, System.console() != null);
    }

    @Override
    public synchronized void start(String name, long totalUnits) {
        task = name;
        total = totalUnits;
        done.set(0);
        lastPrintNanos = 0;
        lastQuarter = 0;
        print(false);
    }

    @Override
    public void advance(long units) {
        long now = done.addAndGet(units);
        if (terminal) {
            long t = System.nanoTime();
            synchronized (this) {
                if (t - lastPrintNanos >= TERMINAL_INTERVAL_NANOS) {
                    lastPrintNanos = t;
                    print(false);
                }
            }
        } else if (total > 0) {
            int quarter = (int) Math.min(4, now * 4 / total);
            synchronized (this) {
                if (quarter > lastQuarter && quarter < 4) {
                    lastQuarter = quarter;
                    print(false);
                }
            }
        }
    }

    @Override
    public synchronized void finish() {
        print(true);
    }

    private void print(boolean last) {
        long now = done.get();
        String line = total > 0
                ? String.format("%s: %3d%% (%s of %s)", task, now * 100 / total, Sizes.human(now), Sizes.human(total))
                : String.format("%s: %s", task, Sizes.human(now));
        if (terminal) {
            err.print("\r" + line + (last ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }
}
