package dev.slipway.trust.cms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The RFC 7512 subset: what is understood, what is refused, and that PINs never reach messages. */
class Pkcs11UriTest {

    @Test
    void parsesPathAndQueryAttributesWithPercentEncoding() {
        Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:token=Release%20HSM;object=image-signing;id=%01%AB"
                + "?module-path=/opt/hsm/lib%20p11.so&pin-source=file:/run/pin");
        assertEquals("Release HSM", uri.token());
        assertEquals("image-signing", uri.object());
        assertEquals("01ab", uri.idHex());
        assertEquals(Path.of("/opt/hsm/lib p11.so"), uri.modulePath());
        assertEquals("file:/run/pin", uri.pinSource());
        assertNull(uri.slotId());
    }

    @Test
    void defaultsToSoftHsmAndReadsSlotIds() {
        Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:slot-id=0x3af1dbb6;object=k;type=private?pin-value=1234");
        assertEquals(Pkcs11Uri.DEFAULT_MODULE, uri.modulePath());
        assertEquals(0x3af1dbb6L, uri.slotId());
        assertEquals("1234", uri.pinValue());
        assertEquals(988928950L, Pkcs11Uri.parse("pkcs11:slot-id=988928950;object=k").slotId());
    }

    @Test
    void neverShowsThePinValue() {
        Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:token=t;object=k?pin-value=secret-pin");
        assertFalse(uri.describe().contains("secret-pin"));
        assertFalse(uri.toString().contains("secret-pin"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Pkcs11Uri.parse("pkcs11:token=t;serial=1;object=k?pin-value=secret-pin"));
        assertFalse(e.getMessage().contains("secret-pin"), e.getMessage());
    }

    @Test
    void refusesWhatItCannotHonour() {
        assertMessage("pkcs11:token=t;serial=123;object=k", "'serial'");
        assertMessage("pkcs11:token=t;object=k?module-name=softhsm2", "'module-name'");
        assertMessage("pkcs11:token=t", "needs object=LABEL");
        assertMessage("pkcs11:object=k;type=cert", "type=private");
        assertMessage("pkcs11:object=k?pin-value=1&pin-source=/p", "not both");
        assertMessage("pkcs11:object=k;object=j", "twice");
        assertMessage("pkcs11:object=k%4", "%XX");
        assertMessage("pkcs11:object=k%zz", "%XX");
        assertMessage("pkcs11:slot-id=abc;object=k", "slot ID as a number");
        assertTrue(Pkcs11Uri.isPkcs11("PKCS11:object=k"));
        assertFalse(Pkcs11Uri.isPkcs11("keys/image-signing.key.pem"));
    }

    private static void assertMessage(String uri, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> Pkcs11Uri.parse(uri));
        assertTrue(e.getMessage().contains(expected), uri + ": " + e.getMessage());
    }
}
