package dev.slipway.agent.disk;

import java.nio.file.Path;
import java.time.Duration;

/** A second process for InstanceLockTest: takes the lock of args[0], says "locked", holds it until stdin closes. */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        InstanceLock lock = InstanceLock.acquire(Path.of(args[0]), Duration.ofSeconds(30), "slipway-agent run");
        try {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // holds the lock until the parent closes our stdin
            }
        } finally {
            lock.close();
        }
        System.out.println("released");
    }
}
