package dev.slipway.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Boot-counting file names against the examples of systemd's documentation and source. */
class EntryFileNameTest {

    @Test
    void theWalkthroughOfAutomaticBootAssessment() throws Exception {
        // docs/AUTOMATIC_BOOT_ASSESSMENT.md: +3 is renamed +2-1, +1-2, +0-3 on three failed starts,
        // and blessing +1-2 leaves the plain name.
        EntryFileName installed = EntryFileName.parse("4.14.11-300.fc27.x86_64+3.conf");
        assertEquals(OptionalInt.of(3), installed.triesLeft());
        assertEquals(OptionalInt.empty(), installed.triesDone());
        List<String> series = new ArrayList<>();
        for (EntryFileName n = installed; !n.exhausted(); n = n.withTry()) {
            series.add(n.withTry().render());
        }
        assertEquals(List.of("4.14.11-300.fc27.x86_64+2-1.conf", "4.14.11-300.fc27.x86_64+1-2.conf",
                "4.14.11-300.fc27.x86_64+0-3.conf"), series);
        EntryFileName afterOneFailure = EntryFileName.parse("4.14.11-300.fc27.x86_64+1-2.conf");
        assertEquals("4.14.11-300.fc27.x86_64.conf", afterOneFailure.blessed().render());
        assertTrue(EntryFileName.parse("4.14.11-300.fc27.x86_64+0-3.conf").exhausted());
    }

    @Test
    void theSeriesInSystemdBootsSource() throws Exception {
        // src/boot/efi/boot.c, config_entry_parse_tries: foobar+4-0 -> +3-1 -> +2-2 -> +1-3 -> +0-4 -> STOP.
        EntryFileName n = EntryFileName.parse("foobar+4-0.conf");
        StringBuilder seen = new StringBuilder(n.render());
        while (!n.exhausted()) {
            n = n.withTry();
            seen.append(" ").append(n.render());
        }
        assertEquals("foobar+4-0.conf foobar+3-1.conf foobar+2-2.conf foobar+1-3.conf foobar+0-4.conf", seen.toString());
    }

    @Test
    void slipwaysSlotEntries() throws Exception {
        EntryFileName staged = EntryFileName.counting(EntryFileName.slotId("b"), 3, 0);
        assertEquals("slipway-b+3-0.conf", staged.render());
        assertEquals(Optional.of("b"), staged.slot());
        assertTrue(staged.countingDown());
        assertFalse(staged.exhausted());
        assertEquals("slipway-b+2-1.conf", staged.withTry().render());
        assertEquals("slipway-b.conf", staged.withTry().blessed().render());
        EntryFileName fallenBack = EntryFileName.parse("slipway-a+0-3.conf");
        assertTrue(fallenBack.exhausted());
        assertEquals(Optional.of("a"), fallenBack.slot());
        EntryFileName good = EntryFileName.parse("slipway-b.conf");
        assertFalse(good.countingDown());
        assertFalse(good.exhausted());
        assertEquals(EntryFileName.of("slipway-b"), good);
        assertEquals(Optional.empty(), EntryFileName.of("other-os").slot());
        assertThrows(IllegalArgumentException.class, () -> EntryFileName.slotId("c"));
    }

    @Test
    void aBadEntryStartedAnywayCountsDoneButNotLeft() throws Exception {
        // systemd-boot's next name is LESS_BY(left, 1) - MIN(done + 1, INT_MAX).
        assertEquals("slipway-a+0-4.conf", EntryFileName.parse("slipway-a+0-3.conf").withTry().render());
        assertEquals("x+0-2147483647.conf", EntryFileName.parse("x+1-2147483647.conf").withTry().render());
        assertThrows(IllegalStateException.class, () -> EntryFileName.parse("slipway-a.conf").withTry());
    }

    @Test
    void everyNameWeAcceptRendersBackUnchanged() throws Exception {
        for (String name : List.of("slipway-a.conf", "slipway-b+3.conf", "slipway-b+3-0.conf", "slipway-b+0-0.conf",
                "a+2147483647-2147483647.conf", "A_b.c-d+10-20.conf", "x.conf.conf")) {
            assertEquals(name, EntryFileName.parse(name).render());
        }
    }

    @Test
    void namesSystemdWouldReadDifferentlyOrNotAtAllAreRefused() {
        for (String name : List.of("slipway-b+03-0.conf", "slipway-b+3-00.conf", "slipway-b++3.conf",
                "slipway-b+-3.conf", "slipway-b+3-.conf", "slipway-b+.conf", "slipway-b+3-0-1.conf",
                "slipway-b+3.CONF", "slipway-b+3", "slipway-b+3-0.conf ", "+3.conf", ".conf", "slip way.conf",
                "slipway-b+2147483648.conf", "slipway-b+1-99999999999.conf", "a+b+3.conf", "slipway-b+ 3.conf",
                "slipway-b+\u0663.conf", "slipway/b.conf", "x".repeat(251) + ".conf")) {
            assertThrows(BootEntryException.class, () -> EntryFileName.parse(name), name);
        }
        assertEquals("entry file name 'slipway-b+03-0.conf': the boot counter '03' is not a number from 0 to 2147483647"
                + " without sign or leading zeros", message("slipway-b+03-0.conf"));
        assertEquals("entry file name 'slipway-b+3-0-1.conf' is not ID[+LEFT[-DONE]].conf",
                message("slipway-b+3-0-1.conf"));
        assertEquals("entry file name 'sl ot.conf': the ID 'sl ot' is not 1 or more of ASCII letters, digits, . _ -",
                message("sl ot.conf"));
        assertEquals("x".repeat(250) + ".conf", EntryFileName.of("x".repeat(250)).render());
    }

    @Test
    void theRecordKeepsItsInvariants() {
        assertThrows(IllegalArgumentException.class, () -> new EntryFileName("x", OptionalInt.empty(), OptionalInt.of(1)));
        assertThrows(IllegalArgumentException.class, () -> EntryFileName.counting("x", -1, 0));
        assertThrows(IllegalArgumentException.class, () -> EntryFileName.of("a+b"));
        assertThrows(IllegalArgumentException.class, () -> EntryFileName.of(""));
    }

    private static String message(String name) {
        return assertThrows(BootEntryException.class, () -> EntryFileName.parse(name)).getMessage();
    }
}
