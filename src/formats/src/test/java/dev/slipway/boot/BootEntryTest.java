package dev.slipway.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The entry text the builder has always written, read back strictly. */
class BootEntryTest {

    static final String HASH = "873d1df583d236666f321339a55328ddef9465e02cd2c964617d62aba2df846f";

    /** What BootFiles.entry wrote before the entry moved here, character for character. */
    static final String SLOT_A = """
            title Slipway aks-node 0.1.0 (slot A)
            sort-key slipway
            version 0.1.0
            linux /slipway/a/vmlinuz
            initrd /slipway/a/initrd.img
            options slipway.slot=A slipway.usr=PARTLABEL=USR-A \
            slipway.usrhash=873d1df583d236666f321339a55328ddef9465e02cd2c964617d62aba2df846f \
            slipway.usrhash_offset=207613952 console=tty0 console=ttyS0,115200 panic=10 systemd.firstboot=off
            """;

    @Test
    void slotAsEntryIsTheBuildersText() {
        assertEquals(SLOT_A, BootEntry.slotEntry("a", "aks-node", "0.1.0", HASH, 207_613_952L).render());
    }

    @Test
    void slotBsEntryNamesSlotBEverywhere() {
        String b = BootEntry.slotEntry("b", "base", "2.0", "00ff", 4096).render();
        assertEquals("""
                title Slipway base 2.0 (slot B)
                sort-key slipway
                version 2.0
                linux /slipway/b/vmlinuz
                initrd /slipway/b/initrd.img
                options slipway.slot=B slipway.usr=PARTLABEL=USR-B slipway.usrhash=00ff slipway.usrhash_offset=4096 \
                console=tty0 console=ttyS0,115200 panic=10 systemd.firstboot=off
                """, b);
    }

    @Test
    void parseGivesBackWhatWasRendered() throws Exception {
        for (BootEntry entry : new BootEntry[] {BootEntry.slotEntry("a", "aks-node", "0.1.0", HASH, 207_613_952L),
                BootEntry.slotEntry("b", "n", "1.2.3~rc1+git", "ab", 1),
                new BootEntry("Ünïcode title", "other", "1", "/k", "/i", "quiet")}) {
            assertEquals(entry, BootEntry.parse(entry.render()));
            assertEquals(entry, BootEntry.parse(entry.toBytes()));
        }
    }

    @Test
    void theSlotIsReadBackFromTheCommandLine() throws Exception {
        BootEntry a = BootEntry.parse(SLOT_A);
        assertEquals("a", a.slot());
        assertEquals(HASH, a.rootHash());
        assertArrayEquals(HexFormat.of().parseHex(HASH), a.rootHashBytes());
        assertEquals(207_613_952L, a.hashOffset());
        assertEquals("b", BootEntry.slotEntry("b", "n", "1", "ab", 9).slot());
    }

    @Test
    void blanksCommentsAndKeyOrderAreAcceptedAsSystemdBootReadsThem() throws Exception {
        String text = """
                # written by hand
                \tversion   0.1.0\t
                title\tSlipway aks-node 0.1.0 (slot A)

                  sort-key slipway
                linux /slipway/a/vmlinuz
                initrd /slipway/a/initrd.img
                """ + SLOT_A.lines().filter(l -> l.startsWith("options ")).findFirst().orElseThrow();
        assertEquals(BootEntry.parse(SLOT_A), BootEntry.parse(text));
    }

    @Test
    void anUnknownKeyIsRefusedWithItsLine() {
        refused(SLOT_A + "machine-id 4098b3f648d74c13b1f04ccfba7798e8\n",
                "line 7 of the boot entry has the key 'machine-id'; Slipway's entries have only title, sort-key,"
                        + " version, linux, initrd, options");
        refused(SLOT_A.replace("linux ", "Linux "), "line 4 of the boot entry has the key 'Linux'");
    }

    @Test
    void aRepeatedKeyIsRefused() {
        refused(SLOT_A + "initrd /extra.img\n", "line 7 of the boot entry repeats 'initrd' (first on line 5)");
        refused(SLOT_A + "options quiet\n", "line 7 of the boot entry repeats 'options' (first on line 6)");
    }

    @Test
    void aMissingKeyIsRefused() {
        refused(SLOT_A.replace("sort-key slipway\n", ""), "the boot entry has no 'sort-key' line");
        refused("", "the boot entry has no 'title' line");
    }

    @Test
    void valuesSystemdBootWouldReadDifferentlyAreRefused() {
        refused(SLOT_A.replace("\n", "\r\n"), "line 1 of the boot entry ends in CR");
        refused(SLOT_A.replace("version 0.1.0", "version"), "line 3: the entry's version is empty");
        refused(SLOT_A.replace("version 0.1.0", "version \"0.1.0\""), "line 3: the entry's version is wrapped in double"
                + " quotes");
        refused(SLOT_A.replace("(slot A)", "(slot\tA)"), "line 1: the entry's title has the control character U+0009");
        refused(SLOT_A.replace("(slot A)", "(slot\0A)"), "the control character U+0000");
        BootEntryException e = assertThrows(BootEntryException.class,
                () -> BootEntry.parse(new byte[] {'t', 'i', 't', 'l', 'e', ' ', (byte) 0xc3}));
        assertEquals("the boot entry is not valid UTF-8", e.getMessage());
    }

    @Test
    void aCommandLineThatDoesNotPinASlotIsRefusedByTheAccessors() throws Exception {
        BootEntry other = new BootEntry("t", "s", "1", "/k", "/i", "quiet slipway.usrhash=AB slipway.slot=C"
                + " slipway.usrhash_offset=012");
        assertEquals("slipway.slot=C on the entry's command line: the slot is A or B",
                assertThrows(BootEntryException.class, other::slot).getMessage());
        assertTrue(assertThrows(BootEntryException.class, other::rootHash).getMessage()
                .contains("slipway.usrhash=AB on the entry's command line is not"));
        assertTrue(assertThrows(BootEntryException.class, other::hashOffset).getMessage()
                .contains("slipway.usrhash_offset=012 on the entry's command line is not a positive whole number"));
        BootEntry none = new BootEntry("t", "s", "1", "/k", "/i", "slipway.slot=A slipway.slot=B");
        assertEquals("the entry's command line has slipway.slot= twice",
                assertThrows(BootEntryException.class, none::slot).getMessage());
        assertEquals("the entry's command line has no slipway.usrhash= (not a Slipway slot entry)",
                assertThrows(BootEntryException.class, none::rootHash).getMessage());
    }

    @Test
    void slotEntriesAreOnlyForSlotsAAndBWithAHexRootHash() {
        assertThrows(IllegalArgumentException.class, () -> BootEntry.slotEntry("c", "n", "1", HASH, 1));
        assertThrows(IllegalArgumentException.class, () -> BootEntry.slotEntry("A", "n", "1", HASH, 1));
        assertThrows(IllegalArgumentException.class, () -> BootEntry.slotEntry("a", "n", "1", HASH.toUpperCase(), 1));
        assertThrows(IllegalArgumentException.class, () -> BootEntry.slotEntry("a", "n", "1", HASH, 0));
        assertThrows(IllegalArgumentException.class, () -> BootEntry.slotEntry("a", "n", "1\n", HASH, 1));
    }

    private static void refused(String text, String message) {
        BootEntryException e = assertThrows(BootEntryException.class, () -> BootEntry.parse(text));
        assertTrue(e.getMessage().startsWith(message) || e.getMessage().contains(message), e.getMessage());
    }
}
