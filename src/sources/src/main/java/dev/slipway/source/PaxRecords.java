package dev.slipway.source;

import dev.slipway.tree.InvalidEntryException;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.Xattrs;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PAX extended-header records of one entry ("length keyword=value\n"), as raw bytes.
 *
 * <p>Commons Compress decodes every PAX value as UTF-8 into a {@code String}, which turns bytes
 * that are not UTF-8 (binary xattr values such as {@code security.capability}) into U+FFFD and
 * drops records with empty values (empty xattrs). Slipway therefore parses the records itself
 * from the header's raw bytes (see {@link PaxTarInputStream}) and takes xattrs, names and mtimes
 * from here.
 */
final class PaxRecords {

    static final PaxRecords NONE = new PaxRecords(Map.of());

    private static final List<String> LINUX_NAMESPACES = List.of("security.", "system.", "trusted.", "user.");
    private static final String SCHILY_XATTR = "SCHILY.xattr.";
    private static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";
    private static final Pattern DECIMAL_TIME = Pattern.compile("(-?)([0-9]{1,19})(?:\\.([0-9]*))?");

    private final Map<String, byte[]> records;

    PaxRecords(Map<String, byte[]> records) {
        this.records = Collections.unmodifiableMap(new LinkedHashMap<>(records));
    }

    /**
     * Parses the data of one extended header. Later records of the same keyword win, as in
     * POSIX; empty values are kept (they mean "unset" for most keywords, but an empty xattr).
     *
     * @throws IllegalArgumentException describing the malformed record
     */
    static Map<String, byte[]> parse(byte[] data) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        int pos = 0;
        while (pos < data.length) {
            if (data[pos] == 0) {
                for (int i = pos; i < data.length; i++) {
                    if (data[i] != 0) {
                        throw new IllegalArgumentException("garbage after the last record at byte " + i);
                    }
                }
                break;
            }
            int space = pos;
            long length = 0;
            while (space < data.length && data[space] >= '0' && data[space] <= '9' && space - pos < 10) {
                length = length * 10 + (data[space] - '0');
                space++;
            }
            if (space == pos || space >= data.length || data[space] != ' ') {
                throw new IllegalArgumentException("record at byte " + pos + " does not start with its length");
            }
            if (length <= space - pos + 1 || length > data.length - pos) {
                throw new IllegalArgumentException("record at byte " + pos + " claims " + length
                        + " bytes, but " + (data.length - pos) + " remain");
            }
            int end = pos + (int) length;
            if (data[end - 1] != '\n') {
                throw new IllegalArgumentException("record at byte " + pos + " does not end with a newline");
            }
            int equals = space + 1;
            while (equals < end - 1 && data[equals] != '=') {
                equals++;
            }
            if (equals >= end - 1 || equals == space + 1) {
                throw new IllegalArgumentException("record at byte " + pos + " has no 'keyword='");
            }
            String keyword = Utf8.decodeOrNull(Arrays.copyOfRange(data, space + 1, equals));
            if (keyword == null) {
                throw new IllegalArgumentException("record at byte " + pos + " has a keyword that is not UTF-8");
            }
            out.put(keyword, Arrays.copyOfRange(data, equals + 1, end - 1));
            pos = end;
        }
        return out;
    }

    /** True when the keyword is present with a non-empty value (empty means "unset"). */
    boolean has(String keyword) {
        byte[] value = records.get(keyword);
        return value != null && value.length > 0;
    }

    /** The raw value, or {@code null} when absent. */
    byte[] raw(String keyword) {
        byte[] value = records.get(keyword);
        return value == null ? null : value.clone();
    }

    /** The value as strict UTF-8, or {@code null} when absent or empty. */
    String text(String entry, String keyword) throws InvalidEntryException {
        if (!has(keyword)) {
            return null;
        }
        byte[] value = records.get(keyword);
        String text = Utf8.decodeOrNull(value);
        if (text == null) {
            throw new InvalidEntryException(entry, "PAX record '" + keyword + "' is not valid UTF-8 ('"
                    + Utf8.escape(value) + "'); Slipway handles names as UTF-8 only: rename it before packing");
        }
        return text;
    }

    /** The PAX {@code mtime}, "[-]seconds[.fraction]", to the nanosecond; {@code null} when absent. */
    Timestamp mtime(String entry) throws InvalidEntryException {
        String text = text(entry, "mtime");
        if (text == null) {
            return null;
        }
        Matcher m = DECIMAL_TIME.matcher(text);
        if (!m.matches() || new BigInteger(m.group(2)).bitLength() > 62) {
            throw new InvalidEntryException(entry, "PAX mtime '" + text + "' is not a time in seconds");
        }
        long seconds = Long.parseLong(m.group(2));
        String fraction = m.group(3) == null ? "" : m.group(3);
        int nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
        if (m.group(1).isEmpty()) {
            return new Timestamp(seconds, nanos);
        }
        return nanos == 0 ? new Timestamp(-seconds, 0) : new Timestamp(-seconds - 1, 1_000_000_000 - nanos);
    }

    /**
     * The extended attributes: GNU tar and star write {@code SCHILY.xattr.NAME=raw bytes},
     * libarchive writes {@code LIBARCHIVE.xattr.URL-ENCODED-NAME=base64} (and usually the SCHILY
     * form as well). When both name the same attribute they must agree. Attributes outside the
     * namespaces Linux has (such as macOS's {@code com.apple.*}) are dropped with a warning.
     */
    Xattrs xattrs(String entry, Consumer<String> warnings) throws InvalidEntryException {
        Map<String, byte[]> values = new TreeMap<>();
        for (Map.Entry<String, byte[]> record : records.entrySet()) {
            String keyword = record.getKey();
            if (keyword.startsWith(SCHILY_XATTR)) {
                put(entry, values, keyword.substring(SCHILY_XATTR.length()), record.getValue());
            }
        }
        for (Map.Entry<String, byte[]> record : records.entrySet()) {
            String keyword = record.getKey();
            if (keyword.startsWith(LIBARCHIVE_XATTR)) {
                String name = urlDecode(entry, keyword.substring(LIBARCHIVE_XATTR.length()));
                byte[] value;
                try {
                    value = Base64.getDecoder().decode(record.getValue());
                } catch (IllegalArgumentException e) {
                    throw new InvalidEntryException(entry, "PAX record '" + keyword + "' is not base64: " + e.getMessage());
                }
                byte[] schily = values.get(name);
                if (schily != null && !Arrays.equals(schily, value)) {
                    throw new InvalidEntryException(entry, "the archive gives two different values for xattr '"
                            + name + "' (SCHILY.xattr and LIBARCHIVE.xattr); refusing to guess");
                }
                put(entry, values, name, value);
            }
        }
        List<String> foreign = new ArrayList<>();
        values.keySet().removeIf(name -> {
            boolean linux = LINUX_NAMESPACES.stream().anyMatch(name::startsWith);
            if (!linux) {
                foreign.add(name);
            }
            return !linux;
        });
        if (!foreign.isEmpty()) {
            warnings.accept("entry '" + entry + "': dropping extended attributes " + foreign
                    + ": Linux has no such namespace (it has " + String.join("*, ", LINUX_NAMESPACES) + "*)");
        }
        try {
            return Xattrs.of(values);
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException(entry, e.getMessage());
        }
    }

    /** Keywords Slipway cannot represent, for a warning (ACLs, file flags). */
    String unsupportedKeywords() {
        StringBuilder out = new StringBuilder();
        for (String keyword : records.keySet()) {
            if (keyword.startsWith("SCHILY.acl.") || keyword.startsWith("LIBARCHIVE.acl")
                    || keyword.equals("SCHILY.fflags") || keyword.equals("LIBARCHIVE.fflags")) {
                out.append(out.isEmpty() ? "" : ", ").append(keyword);
            }
        }
        return out.toString();
    }

    private static void put(String entry, Map<String, byte[]> values, String name, byte[] value)
            throws InvalidEntryException {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new InvalidEntryException(entry, "PAX xattr record with an empty attribute name or one holding NUL");
        }
        values.put(name, value);
    }

    /** libarchive percent-encodes bytes outside printable ASCII and '%' and '='. */
    private static String urlDecode(String entry, String encoded) throws InvalidEntryException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = encoded.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
                bytes.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        String name = Utf8.decodeOrNull(bytes.toByteArray());
        if (name == null) {
            throw new InvalidEntryException(entry, "xattr name '" + encoded + "' is not valid UTF-8");
        }
        return name;
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
