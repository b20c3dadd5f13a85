package dev.slipway.erofs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Xattrs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class XattrTableTest {

    @Test
    void namesSplitIntoIndexAndSuffix() {
        assertName(1, "foo", "user.foo");
        assertName(2, "", "system.posix_acl_access");
        assertName(3, "", "system.posix_acl_default");
        assertName(4, "overlay.opaque", "trusted.overlay.opaque");
        assertName(6, "capability", "security.capability");
        assertNull(XattrTable.split("system.nfs4_acl"));
        assertNull(XattrTable.split("system.posix_acl_access2"));
        assertNull(XattrTable.split("user."));
    }

    @Test
    void entryIsHeaderNameValueAndPadding() {
        ByteBuffer b = ByteBuffer.allocate(16);
        XattrTable.encodeEntry(XattrTable.split("user.ab"), "xyz".getBytes(StandardCharsets.UTF_8), b);
        assertEquals(12, b.position());
        assertEquals("02010300" + "6162" + "78797a" + "000000", HexFormat.of().formatHex(b.array(), 0, 12));
    }

    @Test
    void attributeOnTwoInodesIsSharedAndReferencedById() throws Exception {
        Xattrs a = TestTrees.xattrs("user.same", "v", "user.only-a", "1");
        Xattrs b = TestTrees.xattrs("user.same", "v", "security.selinux", "x");
        Xattrs c = TestTrees.xattrs("user.same", "other value");
        XattrTable table = XattrTable.plan(List.of(a, b, c), i -> "file" + i);
        assertEquals(1, table.sharedCount());
        assertEquals(12, table.areaSize(), "4-byte header, 'same', 'v', padded");
        table.placeArea(1024);

        XattrTable.Body body = table.body(a, () -> "a");
        // Header with one shared id (1024 / 4 = 256), then user.only-a inline.
        assertEquals(12 + 4 + 12, body.size());
        assertEquals((body.size() - 12) / 4 + 1, body.icount());
        ByteBuffer out = ByteBuffer.allocate(body.size());
        body.encode(out);
        assertEquals("00000000" + "01" + "00000000000000" + "00010000" + "06010100" + "6f6e6c792d61" + "31" + "00",
                HexFormat.of().formatHex(out.array()));

        XattrTable.Body other = table.body(c, () -> "c");
        assertEquals(12 + 4 + 4 + 11 + 1, other.size(), "a different value stays inline");
        assertEquals(0, table.body(Xattrs.empty(), () -> "d").size());
        assertEquals(0, table.body(Xattrs.empty(), () -> "d").icount());
    }

    @Test
    void sharedAreaKeepsFirstSeenOrder() throws Exception {
        Xattrs x = TestTrees.xattrs("user.z", "1", "user.a", "2");
        XattrTable table = XattrTable.plan(List.of(x, x, x), i -> "f");
        table.placeArea(0);
        ByteBuffer area = ByteBuffer.allocate((int) table.areaSize());
        for (var name : List.of("user.a", "user.z")) {
            XattrTable.encodeEntry(XattrTable.split(name), x.get(name), area);
        }
        ByteBuffer body = ByteBuffer.allocate(table.body(x, () -> "f").size());
        table.body(x, () -> "f").encode(body);
        // Xattrs lists names in byte order, so user.a is met first and gets id 0, user.z id 2.
        assertEquals("00000000" + "02" + "00000000000000" + "00000000" + "02000000", HexFormat.of().formatHex(body.array()));
    }

    @Test
    void unsupportedNamesAndHugeValuesAreRefusedWithTheirFile() {
        InvalidEntryException e = assertThrows(InvalidEntryException.class, () -> XattrTable.plan(
                List.of(TestTrees.xattrs("system.nfs4_acl", "x")), i -> "etc/passwd"));
        assertTrue(e.getMessage().contains("etc/passwd") && e.getMessage().contains("system.nfs4_acl"), e.getMessage());
        e = assertThrows(InvalidEntryException.class, () -> XattrTable.plan(
                List.of(TestTrees.xattrs("user.big", new byte[65536])), i -> "big"));
        assertTrue(e.getMessage().contains("user.big") && e.getMessage().contains("65535"), e.getMessage());
    }

    @Test
    void largestValueFits() throws Exception {
        Xattrs x = TestTrees.xattrs("user.big", new byte[65535]);
        XattrTable table = XattrTable.plan(List.of(x), i -> "f");
        XattrTable.Body body = table.body(x, () -> "f");
        assertEquals(12 + ((4 + 3 + 65535 + 3) & ~3), body.size());
        ByteBuffer out = ByteBuffer.allocate(body.size());
        body.encode(out);
        assertEquals(body.size(), out.position());
    }

    private static void assertName(int index, String suffix, String name) {
        XattrTable.Name split = XattrTable.split(name);
        assertEquals(index, split.index());
        assertArrayEquals(suffix.getBytes(StandardCharsets.UTF_8), split.suffix());
    }
}
