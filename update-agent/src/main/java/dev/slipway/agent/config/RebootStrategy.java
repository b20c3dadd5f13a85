package dev.slipway.agent.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How the agent has the node restart into a staged slot ({@code reboot} in agent.toml). */
public enum RebootStrategy {

    /** Write kured's sentinel ({@code /var/run/reboot-required}) so the cluster drains and reboots the node in turn. */
    KURED("kured"),
    /** Reboot as soon as the slot is staged. */
    IMMEDIATE("immediate"),
    /** Only report that a reboot is due; an operator reboots. */
    MANUAL("manual");

    private final String key;

    RebootStrategy(String key) {
        this.key = key;
    }

    /** The value agent.toml writes. */
    public String key() {
        return key;
    }

    /** The strategy agent.toml's {@code value} names. */
    public static Optional<RebootStrategy> of(String value) {
        return Arrays.stream(values()).filter(s -> s.key.equals(value)).findFirst();
    }

    /** Every value agent.toml accepts, in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(RebootStrategy::key).toList();
    }
}
