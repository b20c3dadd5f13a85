package dev.slipway.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NamesTest {

    /** The comparator must agree with comparing the UTF-8 bytes unsigned, which is what strcmp does. */
    @Test
    void ordersLikeUnsignedUtf8Bytes() {
        List<String> names = new ArrayList<>(List.of("", ".", "..", "-", "!", "a", "ab", "a.b", "Z", "é", "e\u0301",
                "\uFFFD", "\uE000", "😀", "😀a", "日本語", "\u007F", "\u0080", "x".repeat(255)));
        Random random = new Random(7);
        int[] ranges = {0x20, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF};
        for (int n = 0; n < 2000; n++) {
            StringBuilder name = new StringBuilder();
            for (int k = random.nextInt(4); k >= 0; k--) {
                int r = random.nextInt(ranges.length / 2) * 2;
                name.appendCodePoint(ranges[r] + random.nextInt(ranges[r + 1] - ranges[r] + 1));
            }
            names.add(name.toString());
        }
        for (String a : names) {
            for (String b : names.subList(0, 60)) {
                assertEquals(Integer.signum(Arrays.compareUnsigned(Names.utf8(a), Names.utf8(b))),
                        Integer.signum(Names.compare(a, b)), a + " vs " + b);
            }
        }
    }
}
