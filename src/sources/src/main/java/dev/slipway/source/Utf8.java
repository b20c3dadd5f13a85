package dev.slipway.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * File names are UTF-8 throughout Slipway. Archive bytes are decoded strictly, so a name that is
 * not UTF-8 is refused instead of being silently mangled into a different name.
 */
final class Utf8 {

    private Utf8() {
    }

    /** Decodes {@code bytes} as UTF-8, or returns {@code null} when they are not valid UTF-8. */
    static String decodeOrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Re-decodes a string that Commons Compress read with ISO-8859-1 (one char per byte, so
     * lossless) as UTF-8; {@code null} when the bytes are not valid UTF-8.
     */
    static String fromLatin1(String latin1) {
        return decodeOrNull(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A printable rendering of bytes that are not UTF-8, for error messages. */
    static String escape(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.toString();
    }
}
