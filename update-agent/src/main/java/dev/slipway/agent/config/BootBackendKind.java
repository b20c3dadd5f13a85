package dev.slipway.agent.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Which boot selection the node uses ({@code boot-backend} in agent.toml); see docs/boot.md. */
public enum BootBackendKind {

    /** systemd-boot entries with boot counting ({@code NAME+TRIES.conf}), blessed by systemd-bless-boot. */
    SYSTEMD_BOOT("systemd-boot"),
    /** The ChromeOS/Flatcar GPT attribute bits (priority, tries, successful) on USR-A and USR-B. */
    GPTPRIO("gptprio");

    private final String key;

    BootBackendKind(String key) {
        this.key = key;
    }

    /** The value agent.toml writes. */
    public String key() {
        return key;
    }

    /** The backend agent.toml's {@code value} names. */
    public static Optional<BootBackendKind> of(String value) {
        return Arrays.stream(values()).filter(s -> s.key.equals(value)).findFirst();
    }

    /** Every value agent.toml accepts, in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(BootBackendKind::key).toList();
    }
}
