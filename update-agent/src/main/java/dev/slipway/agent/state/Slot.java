package dev.slipway.agent.state;

import dev.slipway.gpt.FlatcarLayout;
import java.util.Locale;

/** One of the two /usr slots, with where it lives on a Flatcar-layout disk and in the ESP. */
public enum Slot {
    A(FlatcarLayout.USR_A),
    B(FlatcarLayout.USR_B);

    private final FlatcarLayout partition;

    Slot(FlatcarLayout partition) {
        this.partition = partition;
    }

    public Slot other() {
        return this == A ? B : A;
    }

    /** The GPT partition number (3 or 4). */
    public int partitionNumber() {
        return partition.number();
    }

    /** The GPT partition name, {@code USR-A} or {@code USR-B}. */
    public String partitionLabel() {
        return partition.label();
    }

    /** The lowercase letter the ESP's paths and entry names use ({@code slipway/b/}, {@code slipway-b.conf}). */
    public String letter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "A", "b", ...; an IllegalArgumentException names the accepted values. */
    public static Slot parse(String text) {
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "A" -> A;
            case "B" -> B;
            default -> throw new IllegalArgumentException("slot \"" + text + "\" is neither A nor B");
        };
    }
}
