package dev.slipway.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's control-file format (deb822): stanzas of "Field: value" lines separated by blank
 * lines, continuation lines starting with a space. Used for dpkg's status file and apt's package
 * records.
 */
final class Deb822 {

    private Deb822() {
    }

    /** Each stanza's text as it stands (without the blank lines between), in file order. */
    static List<String> stanzaTexts(String text) {
        List<String> stanzas = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    stanzas.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.isEmpty()) {
            stanzas.add(current.toString());
        }
        return stanzas;
    }

    /** Each stanza as a map from field name to its (first-line) value, in file order. */
    static List<Map<String, String>> parse(String text) {
        List<Map<String, String>> stanzas = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    stanzas.add(current);
                    current = new LinkedHashMap<>();
                }
            } else if (line.startsWith(" ") || line.startsWith("\t")) {
                continue; // continuation of a multi-line field: no field we read spans lines
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    current.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
        }
        if (!current.isEmpty()) {
            stanzas.add(current);
        }
        return stanzas;
    }
}
