package dev.slipway.boot;

import java.util.HashMap;
import java.util.Map;

/**
 * The strict reader behind {@link BootEntry#parse}. It splits lines as systemd-boot does (blanks
 * around a line ignored, {@code #} lines skipped, the key up to the first space or tab, the value
 * after the blanks that follow), but refuses what systemd-boot would quietly accept and Slipway never
 * writes: CR line ends, unknown keys, a key twice, a key without a value.
 */
final class EntryParser {

    private EntryParser() {
    }

    static BootEntry parse(String text) throws BootEntryException {
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i];
            if (line.indexOf('\r') >= 0) {
                throw new BootEntryException("line " + number + " of the boot entry ends in CR: entries have LF line"
                        + " ends only");
            }
            String trimmed = trim(line);
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int blank = firstBlank(trimmed);
            String key = blank < 0 ? trimmed : trimmed.substring(0, blank);
            if (!BootEntry.KEYS.contains(key)) {
                throw new BootEntryException("line " + number + " of the boot entry has the key '" + key + "'; Slipway's"
                        + " entries have only " + String.join(", ", BootEntry.KEYS));
            }
            if (lineOf.containsKey(key)) {
                throw new BootEntryException("line " + number + " of the boot entry repeats '" + key + "' (first on line "
                        + lineOf.get(key) + "); each key appears once");
            }
            String value = blank < 0 ? "" : trim(trimmed.substring(blank));
            String problem = BootEntry.problem(key, value);
            if (problem != null) {
                throw new BootEntryException("line " + number + ": " + problem);
            }
            values.put(key, value);
            lineOf.put(key, number);
        }
        for (String key : BootEntry.KEYS) {
            if (!values.containsKey(key)) {
                throw new BootEntryException("the boot entry has no '" + key + "' line");
            }
        }
        return new BootEntry(values.get("title"), values.get("sort-key"), values.get("version"), values.get("linux"),
                values.get("initrd"), values.get("options"));
    }

    /** {@code s} without the spaces and tabs around it (systemd-boot's two blanks; not Unicode's). */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static int firstBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isBlank(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
