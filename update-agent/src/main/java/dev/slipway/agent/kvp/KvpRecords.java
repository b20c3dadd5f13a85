package dev.slipway.agent.kvp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The layout of a KVP pool file, as Linux's {@code tools/hv/hv_kvp_daemon.c} reads and writes it: records
 * of {@code struct kvp_record { char key[512]; char value[2048]; }} one after another, no header, each
 * field a NUL-terminated C string padded with zeros ({@code HV_KVP_EXCHANGE_MAX_KEY_SIZE} and
 * {@code HV_KVP_EXCHANGE_MAX_VALUE_SIZE} in {@code include/uapi/linux/hyperv.h}).
 */
final class KvpRecords {

    /** Bytes of the key field, NUL included. */
    static final int KEY_SIZE = 512;
    /** Bytes of the value field, NUL included. */
    static final int VALUE_SIZE = 2048;
    static final int RECORD_SIZE = KEY_SIZE + VALUE_SIZE;

    private KvpRecords() {
    }

    /** The UTF-8 bytes of {@code key}, refused unless a C reader gets it back whole from a 512-byte field. */
    static byte[] keyBytes(String key) {
        if (key == null || key.isEmpty()) {
            // The host reads an empty key as the end of an enumeration.
            throw new IllegalArgumentException("KVP keys must not be empty");
        }
        return fieldBytes("key", key, KEY_SIZE);
    }

    /** The UTF-8 bytes of {@code value}, refused unless a C reader gets it back whole from a 2048-byte field. */
    static byte[] valueBytes(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException("KVP value of " + key + " is null; write an empty string instead");
        }
        return fieldBytes("value of " + key, value, VALUE_SIZE);
    }

    private static byte[] fieldBytes(String what, String text, int fieldSize) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("KVP " + what + " contains a NUL character, where C readers would cut it");
        }
        byte[] bytes;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            bytes = Arrays.copyOf(encoded.array(), encoded.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("KVP " + what + " is not valid Unicode (a lone surrogate?)", e);
        }
        if (bytes.length > fieldSize - 1) {
            throw new IllegalArgumentException("KVP " + what + " is " + bytes.length + " bytes of UTF-8; at most "
                    + (fieldSize - 1) + " fit the pool's " + fieldSize + "-byte field with its NUL");
        }
        return bytes;
    }

    /** The C string of the field at {@code offset}: its bytes up to the first NUL or the field's end. */
    static byte[] cString(byte[] pool, int offset, int fieldSize) {
        int end = offset;
        while (end < offset + fieldSize && pool[end] != 0) {
            end++;
        }
        return Arrays.copyOfRange(pool, offset, end);
    }

    /** A value field: {@code value} then zeros to {@link #VALUE_SIZE}. */
    static byte[] valueField(byte[] value) {
        return Arrays.copyOf(value, VALUE_SIZE);
    }

    /** A whole record: the key field then the value field, both zero-padded. */
    static byte[] record(byte[] key, byte[] value) {
        byte[] record = new byte[RECORD_SIZE];
        System.arraycopy(key, 0, record, 0, key.length);
        System.arraycopy(value, 0, record, KEY_SIZE, value.length);
        return record;
    }

    /** Decodes a field's C string; bytes that are not UTF-8 (written by another guest tool) become U+FFFD. */
    static String decode(byte[] cString) {
        return new String(cString, StandardCharsets.UTF_8);
    }
}
