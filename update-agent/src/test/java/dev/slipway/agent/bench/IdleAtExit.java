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

    /** @param seconds how long to stay up after the command, as {@code -javaagent:JAR=SECONDS} */
    public static void premain(String seconds, Instrumentation ignored) {
        Duration wait = Duration.ofSeconds(Long.parseLong(seconds));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("idle");
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-idle"));
    }
}
