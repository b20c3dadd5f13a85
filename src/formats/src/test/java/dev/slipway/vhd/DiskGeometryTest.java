package dev.slipway.vhd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DiskGeometryTest {

    /** Values worked by hand through the specification's algorithm, one per branch. */
    @ParameterizedTest
    @CsvSource({
            "1048576, 30, 4, 17",            // heads raised to the minimum of 4
            "67108864, 963, 8, 17",          // 17 sectors per track suffice
            "134217728, 963, 16, 17",        // 17 sectors per track, 16 heads
            "209715200, 825, 16, 31",        // 17 would need more than 16 heads: 31 sectors per track
            "536870912, 1040, 16, 63",       // 31 would need too many cylinders: 63
            "10737418240, 20805, 16, 63",
            "34359738368, 16448, 16, 255",   // at least 65535 x 16 x 63 sectors: 255 per track
            "2199023255552, 65535, 16, 255", // capped
    })
    void followsTheSpecificationsAlgorithm(long size, int cylinders, int heads, int sectors) {
        DiskGeometry geometry = DiskGeometry.forSize(size);
        assertEquals(new DiskGeometry(cylinders, heads, sectors), geometry);
        assertEquals(geometry, DiskGeometry.decode(geometry.encode()));
    }

    @ParameterizedTest
    @CsvSource({"963, 8, 17, 0x03C30811", "65535, 16, 255, 0xFFFF10FF"})
    void encodesCylindersHeadsSectorsBigEndian(int cylinders, int heads, int sectors, String field) {
        assertEquals(Integer.parseUnsignedInt(field.substring(2), 16), new DiskGeometry(cylinders, heads, sectors).encode());
    }
}
