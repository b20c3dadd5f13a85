package dev.slipway.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * systemd's own reader of boot entries, {@code bootctl list} (package systemd-boot, the systemd 252
 * the images boot with), on an ESP directory holding Slipway's entries: it must read the same keys,
 * the same boot counters and the same ID as we do, and order the entries as the class comment of
 * {@link EntryFileName} says. bootctl wants the ESP to be a mount point, so the directory is a tmpfs
 * (root); SYSTEMD_RELAX_ESP_CHECKS lets it be one that is not FAT.
 */
class BootctlRefereeTest {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(\\d+)|\\[\"([^\"]*)\"\\])");

    @TempDir
    Path temp;

    @Test
    void bootctlReadsOurEntriesAsWeDo() throws Exception {
        Map<String, BootEntry> files = new LinkedHashMap<>();
        // The fallback test's end state: A's tries ran out, B (older) was blessed; a staged newer B on trial.
        files.put("slipway-a+0-3.conf", BootEntry.slotEntry("a", "aks-node", "0.2.0", BootEntryTest.HASH, 1 << 20));
        files.put("slipway-b.conf", BootEntry.slotEntry("b", "aks-node", "0.1.0", "ab", 4096));
        files.put("other+2.conf", new BootEntry("Other 0.3", BootEntry.SORT_KEY, "0.3", "/slipway/a/vmlinuz",
                "/slipway/a/initrd.img", "quiet"));
        files.put("newest+1-2.conf", new BootEntry("Newest", BootEntry.SORT_KEY, "0.4.0~rc1", "/slipway/b/vmlinuz",
                "/slipway/b/initrd.img", "quiet"));
        List<Map<String, String>> listed = bootctlList(files, Map.of());
        assertEquals(List.of("newest+1-2.conf", "other+2.conf", "slipway-b.conf", "slipway-a+0-3.conf"),
                listed.stream().map(e -> Path.of(e.get("path")).getFileName().toString()).toList(),
                "the bad entry last, then newest version first");
        for (Map<String, String> e : listed) {
            String fileName = Path.of(e.get("path")).getFileName().toString();
            EntryFileName name = EntryFileName.parse(fileName);
            BootEntry entry = files.get(fileName);
            assertEquals(name.blessed().render(), e.get("id"), fileName);
            assertEquals(name.triesLeft().isPresent() ? Integer.toString(name.triesLeft().getAsInt()) : null,
                    e.get("triesLeft"), fileName);
            assertEquals(name.triesDone().isPresent() ? Integer.toString(name.triesDone().getAsInt()) : null,
                    e.get("triesDone"), fileName);
            assertEquals(entry, new BootEntry(e.get("title"), e.get("sortKey"), e.get("version"), e.get("linux"),
                    e.get("initrd"), e.get("options")), fileName);
        }
    }

    @Test
    void aHandWrittenEntryMeansToBootctlWhatItMeansToUs() throws Exception {
        String text = "# by hand\n\ttitle  Slipway x 1 (slot A) \nsort-key\tslipway\n\n  version 1\n"
                + "linux /slipway/a/vmlinuz\ninitrd /slipway/a/initrd.img\noptions  slipway.slot=A  quiet\t\n";
        List<Map<String, String>> listed = bootctlList(Map.of(), Map.of("slipway-a.conf", text));
        assertEquals(1, listed.size());
        Map<String, String> e = listed.get(0);
        assertEquals(BootEntry.parse(text), new BootEntry(e.get("title"), e.get("sortKey"), e.get("version"),
                e.get("linux"), e.get("initrd"), e.get("options")));
    }

    /** Writes the entries (and their kernel and initrd) to a fresh ESP and returns bootctl's list, in its order. */
    private List<Map<String, String>> bootctlList(Map<String, BootEntry> entries, Map<String, String> rawEntries)
            throws IOException {
        Path esp = Files.createDirectories(temp.resolve("esp"));
        Command.run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", esp.toString()).check();
        try {
            Path dir = Files.createDirectories(esp.resolve("loader/entries"));
            for (String slot : List.of("a", "b")) {
                Files.createDirectories(esp.resolve("slipway/" + slot));
                Files.writeString(esp.resolve("slipway/" + slot + "/vmlinuz"), "kernel");
                Files.writeString(esp.resolve("slipway/" + slot + "/initrd.img"), "initrd");
            }
            for (var e : entries.entrySet()) {
                Files.write(dir.resolve(e.getKey()), e.getValue().toBytes());
            }
            for (var e : rawEntries.entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
            Command.Result run = Command.run("env", "SYSTEMD_RELAX_ESP_CHECKS=1", "bootctl", "--esp-path=" + esp,
                    "--boot-path=" + esp, "--no-pager", "--json=short", "list");
            assertTrue(run.exitCode() == 0, "bootctl (package systemd-boot) failed: " + run.err());
            List<Map<String, String>> listed = new ArrayList<>();
            for (String line : run.out().split("\n")) {
                if (!line.isBlank()) {
                    listed.add(fields(line));
                }
            }
            return listed;
        } finally {
            Command.run("umount", esp.toString()).check();
        }
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            fields.put(m.group(1), value);
        }
        return fields;
    }
}
