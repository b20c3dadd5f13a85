package dev.slipway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extended attributes as the kernel reports them, read with {@code getfattr} (the formats module
 * has no native access). Every namespace is included: user, trusted (as root), security and
 * system (POSIX ACLs). Symlinks are read themselves, never followed.
 */
public final class Getfattr {

    private Getfattr() {
    }

    /**
     * All xattrs under {@code root} in one run: paths relative to {@code root} ("" for the root
     * itself) to attribute names to values. Files without xattrs are absent.
     */
    public static Map<String, Map<String, byte[]>> dumpTree(Path root) throws IOException {
        String base = root.toAbsolutePath().normalize().toString();
        Command.Result result = Command.run("getfattr", "-R", "-h", "-d", "-m", "-", "-e", "hex",
                "--absolute-names", base).check();
        Map<String, Map<String, byte[]>> byPath = new HashMap<>();
        for (var entry : parse(result.stdout()).entrySet()) {
            String path = entry.getKey();
            String relative = path.equals(base) ? "" : path.substring(base.length() + 1);
            byPath.put(relative, entry.getValue());
        }
        return byPath;
    }

    /** The xattrs of one file (not followed if a symlink). */
    public static Map<String, byte[]> read(Path file) throws IOException {
        Command.Result result = Command.run("getfattr", "-h", "-d", "-m", "-", "-e", "hex", "--absolute-names",
                file.toAbsolutePath().toString()).check();
        return parse(result.stdout()).values().stream().findFirst().orElse(Map.of());
    }

    /** Parses "# file: PATH" blocks of "name=0xHEX" lines; getfattr escapes odd bytes as \ooo. */
    static Map<String, Map<String, byte[]>> parse(byte[] output) {
        Map<String, Map<String, byte[]>> result = new HashMap<>();
        Map<String, byte[]> current = null;
        // ISO-8859-1 maps bytes to chars one to one, so escapes can be undone on raw bytes.
        for (String line : new String(output, StandardCharsets.ISO_8859_1).split("\n")) {
            if (line.startsWith("# file: ")) {
                current = new TreeMap<>();
                result.put(unescape(line.substring("# file: ".length())), current);
            } else if (!line.isEmpty() && current != null) {
                int eq = line.indexOf('=');
                String name = unescape(eq < 0 ? line : line.substring(0, eq));
                String value = eq < 0 ? "" : line.substring(eq + 1);
                if (!value.isEmpty() && !value.startsWith("0x")) {
                    throw new IllegalStateException("unexpected getfattr value format: " + line);
                }
                current.put(name, HexFormat.of().parseHex(value.isEmpty() ? "" : value.substring(2)));
            }
        }
        return result;
    }

    private static String unescape(String escaped) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && isOctal(escaped, i + 1)) {
                bytes.write(Integer.parseInt(escaped.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
