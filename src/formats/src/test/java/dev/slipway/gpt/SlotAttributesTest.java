package dev.slipway.gpt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlotAttributesTest {

    @Test
    void knownBits() {
        // Flatcar's USR-A after `cgpt add -S1 -P1`.
        assertEquals(0x0101_0000_0000_0000L, new SlotAttributes(1, 0, true).toBits());
        // `cgpt add -P 2 -T 3 -S 0`: GUID:49,52,53 in sfdisk's words.
        assertEquals(0x0032_0000_0000_0000L, new SlotAttributes(2, 3, false).toBits());
        assertEquals(0x01FF_0000_0000_0000L, new SlotAttributes(15, 15, true).toBits());
        assertEquals(0, SlotAttributes.NONE.toBits());
        assertEquals(0x01FF_0000_0000_0000L, SlotAttributes.MASK);
    }

    @Test
    void readsTheBitsItOwnsOnly() {
        SlotAttributes slot = SlotAttributes.fromAttributes(0xFE32_FFFF_FFFF_FFFFL);
        assertEquals(2, slot.priority());
        assertEquals(3, slot.tries());
        assertFalse(slot.successful());
        assertEquals(new SlotAttributes(15, 15, true), SlotAttributes.fromAttributes(-1L));
    }

    @Test
    void applyToKeepsEveryOtherBit() {
        long others = PartitionEntry.ATTRIBUTE_REQUIRED | PartitionEntry.ATTRIBUTE_LEGACY_BIOS_BOOTABLE | 1L << 60
                | 1L << 63 | 1L << 47 | 1L << 57;
        long applied = new SlotAttributes(1, 0, true).applyTo(others | SlotAttributes.MASK);
        assertEquals(others | 0x0101_0000_0000_0000L, applied);
        assertEquals(others, SlotAttributes.NONE.applyTo(others | SlotAttributes.MASK));
        assertEquals(new SlotAttributes(1, 0, true), SlotAttributes.fromAttributes(applied));
    }

    @Test
    void withersChangeOneField() {
        SlotAttributes slot = new SlotAttributes(1, 0, true);
        assertEquals(new SlotAttributes(2, 0, true), slot.withPriority(2));
        assertEquals(new SlotAttributes(1, 1, true), slot.withTries(1));
        assertEquals(new SlotAttributes(1, 0, false), slot.withSuccessful(false));
    }

    @Test
    void refusesOutOfRangeValues() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlotAttributes(16, 0, false))
                .getMessage().contains("priority 16"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlotAttributes(0, -1, false))
                .getMessage().contains("tries -1"));
    }
}
