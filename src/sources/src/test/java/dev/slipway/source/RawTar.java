package dev.slipway.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes tar bytes by hand, header field by header field, so tests can make archives no honest
 * tool would: '..' names, absolute names, ids of -1, bytes that are not UTF-8, unknown types.
 */
final class RawTar {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long mtime = 1_600_000_000L;

    /** A ustar header; {@code name} is raw bytes (ISO-8859-1 chars), at most 100 of them. */
    byte[] header(String name, char type, long size, int mode, long uid, long gid, String link) {
        byte[] h = new byte[512];
        put(h, 0, 100, name.getBytes(StandardCharsets.ISO_8859_1));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        put(h, 157, 100, link.getBytes(StandardCharsets.ISO_8859_1));
        put(h, 257, 8, "ustar\00000".getBytes(StandardCharsets.ISO_8859_1));
        octal(h, 329, 8, 0);
        octal(h, 337, 8, 0);
        checksum(h);
        return h;
    }

    RawTar entry(String name, char type, byte[] data, String link) {
        return raw(header(name, type, data.length, 0644, 0, 0, link), data);
    }

    RawTar file(String name, String content) {
        return entry(name, '0', content.getBytes(StandardCharsets.UTF_8), "");
    }

    RawTar dir(String name) {
        return entry(name, '5', new byte[0], "");
    }

    RawTar symlink(String name, String target) {
        return entry(name, '2', new byte[0], target);
    }

    RawTar hardlink(String name, String target) {
        return entry(name, '1', new byte[0], target);
    }

    /** A PAX extended header ('x', or 'g' for global) holding the given raw records. */
    RawTar pax(char type, byte[]... records) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte[] r : records) {
            data.writeBytes(r);
        }
        return entry("PaxHeaders/x", type, data.toByteArray(), "");
    }

    /** One "length keyword=value\n" record with a correct length. */
    static byte[] record(String keyword, byte[] value) {
        byte[] body = (" " + keyword + "=").getBytes(StandardCharsets.UTF_8);
        int length = body.length + value.length + 1;
        int digits = String.valueOf(length).length();
        if (String.valueOf(length + digits).length() > digits) {
            digits++;
        }
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.writeBytes(String.valueOf(length + digits).getBytes(StandardCharsets.US_ASCII));
        r.writeBytes(body);
        r.writeBytes(value);
        r.write('\n');
        return r.toByteArray();
    }

    static byte[] record(String keyword, String value) {
        return record(keyword, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A header as given, then the data padded to 512 bytes. */
    RawTar raw(byte[] header, byte[] data) {
        out.writeBytes(header);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        return this;
    }

    /** The archive with its end-of-archive marker. */
    byte[] finish() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** The archive so far, without an end marker. */
    byte[] unfinished() {
        return out.toByteArray();
    }

    static void put(byte[] h, int offset, int length, byte[] value) {
        Arrays.fill(h, offset, offset + length, (byte) 0);
        System.arraycopy(value, 0, h, offset, Math.min(length, value.length));
    }

    static void octal(byte[] h, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        put(h, offset, length, digits.getBytes(StandardCharsets.US_ASCII));
    }

    /** Sets a field to raw bytes (e.g. base-256 numbers) and fixes the checksum. */
    static byte[] patch(byte[] header, int offset, byte[] value) {
        byte[] h = header.clone();
        System.arraycopy(value, 0, h, offset, value.length);
        checksum(h);
        return h;
    }

    static void checksum(byte[] h) {
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, 7, String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII));
        h[154] = 0;
        h[155] = ' ';
    }
}
