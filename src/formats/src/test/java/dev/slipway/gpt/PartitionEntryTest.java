package dev.slipway.gpt;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionEntryTest {

    /**
     * The entry sgdisk 1.0.9 wrote for {@code -n 1:2048:4095 -t 1:C12A7328-... -c 1:EFI-SYSTEM
     * -u 1:11111111-2222-3333-4444-555555555555 -A 1:set:0 -A 1:set:48 -A 1:set:56}.
     */
    static final byte[] SGDISK_ENTRY = HexFormat.of().parseHex(
            "28732ac11ff8d211ba4b00a0c93ec93b" // type, C12A7328-F81F-11D2-BA4B-00A0C93EC93B
                    + "11111111222233334444555555555555" // unique GUID
                    + "0008000000000000" + "ff0f000000000000" // first and last LBA
                    + "0100000000000101" // attributes: bits 0, 48 and 56
                    + "4500460049002d00530059005300540045004d00" // "EFI-SYSTEM"
                    + "00".repeat(52));

    static final PartitionEntry SGDISK_FIELDS = new PartitionEntry(FlatcarLayout.TYPE_EFI_SYSTEM,
            Guid.parse("11111111-2222-3333-4444-555555555555"), 2048, 4095,
            PartitionEntry.ATTRIBUTE_REQUIRED | new SlotAttributes(1, 0, true).toBits(), "EFI-SYSTEM");

    @Test
    void encodesWhatSgdiskWrote() {
        assertEquals(PartitionEntry.SIZE, SGDISK_ENTRY.length);
        assertArrayEquals(SGDISK_ENTRY, SGDISK_FIELDS.encode());
        assertEquals(SGDISK_FIELDS, PartitionEntry.decode(SGDISK_ENTRY, 0));
        assertEquals(2048, SGDISK_FIELDS.sectors());
        assertEquals(1 << 20, SGDISK_FIELDS.sizeBytes());
        assertEquals(1 << 20, SGDISK_FIELDS.firstByte());
    }

    @Test
    void namesAreUtf16LittleEndian() {
        PartitionEntry entry = new PartitionEntry(FlatcarLayout.TYPE_LINUX_DATA, Guid.ZERO, 34, 34, 0, "Ä€😀");
        byte[] bytes = entry.encode();
        // U+00C4, U+20AC, then U+1F600 as the surrogate pair D83D DE00, each unit little-endian.
        assertArrayEquals(HexFormat.of().parseHex("c400ac203dd800de0000"),
                Arrays.copyOfRange(bytes, PartitionEntry.OFFSET_NAME, PartitionEntry.OFFSET_NAME + 10));
        assertEquals("Ä€😀", PartitionEntry.decode(bytes, 0).name());
    }

    @Test
    void nameHoldsThirtySixCodeUnits() {
        String longest = "x".repeat(35) + "y";
        PartitionEntry entry = new PartitionEntry(FlatcarLayout.TYPE_LINUX_DATA, Guid.ZERO, 34, 34, 0, longest);
        byte[] bytes = entry.encode();
        assertEquals('y', bytes[PartitionEntry.SIZE - 2]);
        assertEquals(longest, PartitionEntry.decode(bytes, 0).name());

        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> new PartitionEntry(
                FlatcarLayout.TYPE_LINUX_DATA, Guid.ZERO, 34, 34, 0, "x".repeat(37)));
        assertTrue(tooLong.getMessage().contains("37 UTF-16 code units"), tooLong.getMessage());
        // 36 characters, but the emoji takes two code units: 37.
        assertThrows(IllegalArgumentException.class, () -> new PartitionEntry(FlatcarLayout.TYPE_LINUX_DATA,
                Guid.ZERO, 34, 34, 0, "x".repeat(35) + "😀"));
        assertThrows(IllegalArgumentException.class, () -> new PartitionEntry(FlatcarLayout.TYPE_LINUX_DATA,
                Guid.ZERO, 34, 34, 0, "a\0b"));
    }

    @Test
    void decodedNameEndsAtNulAndKeepsUnpairedSurrogates() {
        byte[] bytes = SGDISK_FIELDS.encode();
        bytes[PartitionEntry.OFFSET_NAME + 2] = 0; // "E\0I-SYSTEM"
        assertEquals("E", PartitionEntry.decode(bytes, 0).name());

        PartitionEntry lone = new PartitionEntry(FlatcarLayout.TYPE_LINUX_DATA, Guid.ZERO, 34, 34, 0, "a\uD800b");
        assertArrayEquals(lone.encode(), PartitionEntry.decode(lone.encode(), 0).encode());
    }

    @Test
    void zeroTypeIsUnusedWhateverElseIsThere() {
        byte[] bytes = SGDISK_FIELDS.encode();
        Arrays.fill(bytes, PartitionEntry.OFFSET_TYPE, PartitionEntry.OFFSET_TYPE + 16, (byte) 0);
        assertSame(PartitionEntry.UNUSED, PartitionEntry.decode(bytes, 0));
        assertArrayEquals(new byte[PartitionEntry.SIZE], PartitionEntry.UNUSED.encode());
    }

    @Test
    void slotBitsChangeAloneAndEncodeOverOldBytes() {
        PartitionEntry changed = SGDISK_FIELDS.withSlot(new SlotAttributes(2, 3, false));
        assertEquals(PartitionEntry.ATTRIBUTE_REQUIRED | 0x0032_0000_0000_0000L, changed.attributes());
        assertEquals(new SlotAttributes(2, 3, false), changed.slot());
        byte[] target = new byte[2 * PartitionEntry.SIZE];
        Arrays.fill(target, (byte) 0x5A);
        changed.encode(target, PartitionEntry.SIZE);
        assertEquals(0x5A, target[PartitionEntry.SIZE - 1]);
        assertEquals(changed, PartitionEntry.decode(target, PartitionEntry.SIZE));
        assertEquals(0, target[2 * PartitionEntry.SIZE - 1]);
    }
}
