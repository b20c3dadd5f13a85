package dev.slipway.agent.kvp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reports the agent's status to the Hyper-V host as records of the guest KVP pool, which the host shows
 * among the VM's guest exchange items ({@code Msvm_KvpExchangeComponent.GuestExchangeItems} in WMI's
 * {@code root\virtualization\v2}). The keys are an interface for operators; they do not change:
 * <ul>
 * <li>{@value #STATE}: the agent's state, e.g. {@code idle}, {@code staged}, {@code good}, {@code rolled-back}
 * <li>{@value #VERSION}: the version of the running /usr
 * <li>{@value #SLOT}: the slot it runs from, {@code A} or {@code B}
 * <li>{@value #TARGET_VERSION}: the version being fetched or staged; empty when none
 * <li>{@value #ROLLED_BACK}: versions rolled back after failing, comma-separated, oldest first; empty when none.
 *     Kept under {@value #VALUE_LIMIT} bytes by dropping the oldest
 * <li>{@value #UPDATED}: when this status was taken, ISO-8601 UTC to the second ({@code 2026-11-23T10:15:30Z})
 * </ul>
 * Records of other writers in the pool are left as they are.
 */
public final class KvpReporter {

    /** Key of the agent's state. */
    public static final String STATE = "SlipwayState";
    /** Key of the running version. */
    public static final String VERSION = "SlipwayVersion";
    /** Key of the running slot. */
    public static final String SLOT = "SlipwaySlot";
    /** Key of the version being fetched or staged. */
    public static final String TARGET_VERSION = "SlipwayTargetVersion";
    /** Key of the rolled-back versions. */
    public static final String ROLLED_BACK = "SlipwayRolledBack";
    /** Key of the status's time. */
    public static final String UPDATED = "SlipwayUpdated";
    /** Every key this reporter writes, in the order it first appends them. */
    public static final List<String> KEYS = List.of(STATE, VERSION, SLOT, TARGET_VERSION, ROLLED_BACK, UPDATED);

    /** Azure's guest agents keep each value within 1 KiB with its NUL; the host reads that much whole. */
    static final int VALUE_LIMIT = 1022;

    private final KvpPool pool;

    /** A reporter writing to {@code pool} (on a node, {@link KvpPool#guest()}). */
    public KvpReporter(KvpPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** Writes {@code status}'s records, replacing this reporter's earlier ones in place. */
    public void report(KvpStatus status) throws IOException {
        pool.put(records(status));
    }

    /** Removes this reporter's records (the agent is being disabled); returns how many there were. */
    public int withdraw() throws IOException {
        return pool.remove(KEYS);
    }

    /** The records for {@code status}, in {@link #KEYS} order. */
    public static Map<String, String> records(KvpStatus status) {
        Map<String, String> records = new LinkedHashMap<>();
        records.put(STATE, status.state());
        records.put(VERSION, status.version());
        records.put(SLOT, status.slot());
        records.put(TARGET_VERSION, status.targetVersion());
        records.put(ROLLED_BACK, newestThatFit(status.rolledBack()));
        records.put(UPDATED, DateTimeFormatter.ISO_INSTANT.format(status.updated().truncatedTo(ChronoUnit.SECONDS)));
        return records;
    }

    /** The newest versions, comma-separated oldest first, that fit {@link #VALUE_LIMIT}. */
    private static String newestThatFit(List<String> versions) {
        StringBuilder joined = new StringBuilder();
        int bytes = 0;
        for (int i = versions.size() - 1; i >= 0; i--) {
            String version = versions.get(i);
            int more = version.getBytes(StandardCharsets.UTF_8).length + (joined.isEmpty() ? 0 : 1);
            if (bytes + more > VALUE_LIMIT) {
                break;
            }
            joined.insert(0, joined.isEmpty() ? version : version + ",");
            bytes += more;
        }
        return joined.toString();
    }
}
