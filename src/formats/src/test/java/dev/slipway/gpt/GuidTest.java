package dev.slipway.gpt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuidTest {

    private static final String EFI_SYSTEM = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
    /** UEFI spec appendix A byte order, as sgdisk writes the EFI System type into an entry. */
    private static final byte[] EFI_SYSTEM_ON_DISK = HexFormat.ofDelimiter(" ")
            .parseHex("28 73 2A C1 1F F8 D2 11 BA 4B 00 A0 C9 3E C9 3B");

    @Test
    void efiSystemTypeHasItsKnownBytes() {
        Guid guid = Guid.parse(EFI_SYSTEM);
        assertArrayEquals(EFI_SYSTEM_ON_DISK, guid.toBytes());
        assertEquals(guid, Guid.fromBytes(EFI_SYSTEM_ON_DISK, 0));
        assertEquals(EFI_SYSTEM, guid.toString());
    }

    @Test
    void readsAndWritesAtAnOffset() {
        byte[] buffer = new byte[40];
        Guid guid = Guid.parse(EFI_SYSTEM);
        guid.writeTo(buffer, 7);
        assertArrayEquals(EFI_SYSTEM_ON_DISK, Arrays.copyOfRange(buffer, 7, 23));
        assertEquals(0, buffer[6]);
        assertEquals(0, buffer[23]);
        assertEquals(guid, Guid.fromBytes(buffer, 7));
    }

    @Test
    void parsesEitherCaseAndPrintsUpperCase() {
        Guid lower = Guid.parse("7130c94a-213a-4e5a-8e26-6cce9662f132");
        assertEquals(Guid.parse("7130C94A-213A-4E5A-8E26-6CCE9662F132"), lower);
        assertEquals("7130C94A-213A-4E5A-8E26-6CCE9662F132", lower.toString());
    }

    @Test
    void convertsToAndFromUuidExactly() {
        UUID uuid = UUID.fromString("e03dd35c-7c2d-4a47-b3fe-27f15780a57c");
        Guid guid = Guid.fromUuid(uuid);
        assertEquals(uuid, guid.toUuid());
        assertEquals(uuid.toString().toUpperCase(), guid.toString());
        // Textual order in the record; the on-disk bytes swap only the first three fields.
        assertEquals("5cd33de02d7c474ab3fe27f15780a57c", HexFormat.of().formatHex(guid.toBytes()));
    }

    @Test
    void highBitsRoundTrip() {
        Guid guid = new Guid(0xFFEE_DDCC_BBAA_9988L, 0x8877_6655_4433_2211L);
        assertEquals(guid, Guid.fromBytes(guid.toBytes(), 0));
        assertEquals(guid, Guid.parse(guid.toString()));
        assertEquals("FFEEDDCC-BBAA-9988-8877-665544332211", guid.toString());
    }

    @Test
    void zeroIsZero() {
        assertTrue(Guid.ZERO.isZero());
        assertEquals(Guid.ZERO, Guid.parse("00000000-0000-0000-0000-000000000000"));
        assertArrayEquals(new byte[16], Guid.ZERO.toBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "C12A7328-F81F-11D2-BA4B-00A0C93EC93", "C12A7328-F81F-11D2-BA4B-00A0C93EC93BB",
            "C12A7328F81F-11D2-BA4B-00A0C93EC93B-", "C12A7328-F81F-11D2-BA4B+00A0C93EC93B",
            "G12A7328-F81F-11D2-BA4B-00A0C93EC93B", "{12A7328-F81F-11D2-BA4B-00A0C93EC93B",
            "C12A7328-F81F-11D2-BA4B-00A0C93EC9\uFF13B", "1-2-3-4-5"})
    void refusesMalformedText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Guid.parse(text));
        assertTrue(e.getMessage().contains("GUID '" + text + "'"), e.getMessage());
    }
}
