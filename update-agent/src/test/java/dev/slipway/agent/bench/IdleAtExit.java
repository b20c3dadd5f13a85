package dev.slipway.agent.bench;

import java.lang.instrument.Instrumentation;
import java.time.Duration;

/**
 * A Java agent for bench/agent.sh: keeps the real slipway-agent process (Quarkus jar, unchanged) alive for N
 * seconds after its command finished, so its memory can be read as a service's would be between two checks.
 * {@code run} needs a booted Slipway node, so the bench runs one {@code update --disk} cycle instead; Quarkus ends
 * that with System.exit, whose shutdown hooks include this one. Prints "idle" on stderr when the wait starts.
 */
public final class IdleAtExit {

    private IdleAtExit() {
    }

    /**
     * @param arguments how long to stay up after the command, and whether to collect garbage first as
     *                  {@code run} does after each cycle: {@code -javaagent:JAR=SECONDS[,gc]}
     */
    public static void premain(String arguments, Instrumentation ignored) {
        String[] parts = arguments.split(",");
        Duration wait = Duration.ofSeconds(Long.parseLong(parts[0]));
        boolean collect = parts.length > 1 && parts[1].equals("gc");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (collect) {
                System.gc();
            }
            System.err.println("idle");
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-idle"));
    }
}
