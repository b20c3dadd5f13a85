package dev.slipway.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.cyclonedx.model.License;
import org.cyclonedx.parsers.JsonParser;

/**
 * The licences a package declares in /usr/share/doc/PACKAGE/copyright, when that file is in
 * Debian's machine-readable format (DEP-5): the short names on every stanza's License line. A
 * free-form copyright file says nothing a program can read reliably, so it gives no licences
 * rather than guessed ones.
 */
final class DebianCopyright {

    /**
     * DEP-5 license expressions join short names with "or", "and" and "," (an "and" of lower
     * precedence). "GPL-2+ with OpenSSL exception" stays one name: the exception belongs to it.
     */
    private static final Pattern OPERATORS = Pattern.compile("\\s+(?:or|and)\\s+|\\s*,\\s*", Pattern.CASE_INSENSITIVE);

    private DebianCopyright() {
    }

    /**
     * The declared licences, sorted by short name: an SPDX id where the short name is one (SPDX
     * ids match without regard to case), else the short name as written. Empty for a file that
     * is not machine-readable.
     */
    static List<License> licences(String copyright) {
        List<Map<String, String>> stanzas = Deb822.parse(copyright);
        if (stanzas.isEmpty() || !isMachineReadable(stanzas.getFirst())) {
            return List.of();
        }
        Set<String> names = new TreeSet<>();
        for (Map<String, String> stanza : stanzas) {
            String expression = field(stanza, "License");
            if (expression == null) {
                continue;
            }
            for (String name : OPERATORS.split(expression)) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        List<License> licences = new ArrayList<>();
        for (String name : names) {
            License licence = new License();
            String spdxId = SpdxIds.CANONICAL.get(name.toLowerCase(Locale.ROOT));
            if (spdxId != null) {
                licence.setId(spdxId);
            } else {
                licence.setName(name);
            }
            licences.add(licence);
        }
        return licences;
    }

    /**
     * DEP-5's header names the format by URL; over the years it moved from dep.debian.net to
     * www.debian.org/doc/packaging-manuals/copyright-format/1.0/, so both are recognised.
     */
    private static boolean isMachineReadable(Map<String, String> header) {
        String format = field(header, "Format");
        return format != null && (format.contains("copyright-format") || format.contains("dep5"));
    }

    /** Field names in deb822 are case-insensitive. */
    private static String field(Map<String, String> stanza, String name) {
        for (Map.Entry<String, String> e : stanza.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The SPDX licence ids CycloneDX accepts in {@code license.id}, read from the schema the
     * CycloneDX library validates against, so an id written here always validates.
     */
    private static final class SpdxIds {

        static final Map<String, String> CANONICAL = load();

        private static Map<String, String> load() {
            try (InputStream in = JsonParser.class.getResourceAsStream("/spdx.schema.json")) {
                if (in == null) {
                    throw new IllegalStateException("the CycloneDX library has no spdx.schema.json");
                }
                Map<String, String> ids = new HashMap<>();
                for (JsonNode id : new ObjectMapper().readTree(in).path("enum")) {
                    ids.put(id.asText().toLowerCase(Locale.ROOT), id.asText());
                }
                return Map.copyOf(ids);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
