package dev.slipway.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slipway.tree.InvalidEntryException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaxRecordsTest {

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void parsesRawValuesIncludingBinaryNewlinesAndEmpty() {
        byte[] binary = {(byte) 0x80, '\n', 0, (byte) 0xFF, '='};
        Map<String, byte[]> records = PaxRecords.parse(concat(
                RawTar.record("path", "a/b"),
                RawTar.record("SCHILY.xattr.user.b", binary),
                RawTar.record("SCHILY.xattr.user.empty", new byte[0]),
                RawTar.record("path", "later/wins"),
                new byte[] {0, 0, 0}));
        assertEquals(3, records.size());
        assertArrayEquals("later/wins".getBytes(StandardCharsets.UTF_8), records.get("path"));
        assertArrayEquals(binary, records.get("SCHILY.xattr.user.b"));
        assertArrayEquals(new byte[0], records.get("SCHILY.xattr.user.empty"));
    }

    @Test
    void refusesMalformedRecords() {
        for (String bad : new String[] {"12 path=a\n", "9 path=ab\nx", "x path=a\n", "8 patha\n", "7 path=\0", "5 =ab\n"}) {
            assertThrows(IllegalArgumentException.class, () -> PaxRecords.parse(bad.getBytes(StandardCharsets.ISO_8859_1)),
                    bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> PaxRecords.parse(concat(RawTar.record("a.b", "c"), new byte[] {0, 'x'})));
    }

    @Test
    void emptyValuesUnsetOrdinaryKeywords() throws InvalidEntryException {
        PaxRecords records = new PaxRecords(PaxRecords.parse(concat(RawTar.record("path", ""), RawTar.record("mtime", ""))));
        assertEquals(null, records.text("e", "path"));
        assertEquals(null, records.mtime("e"));
    }

    @Test
    void refusesTimesThatAreNotNumbers() {
        for (String bad : new String[] {"1e9", "12:00", "99999999999999999999", "--1"}) {
            PaxRecords records = new PaxRecords(PaxRecords.parse(RawTar.record("mtime", bad)));
            assertThrows(InvalidEntryException.class, () -> records.mtime("e"), bad);
        }
    }
}
