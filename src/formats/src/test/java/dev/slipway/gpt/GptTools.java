package dev.slipway.gpt;

import dev.slipway.testing.Command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The referees: sgdisk (gdisk), sfdisk (fdisk) and cgpt, run on image files. */
final class GptTools {

    /** sfdisk's output as key/value strings: the table's fields and one map per partition. */
    record SfdiskTable(Map<String, String> table, List<Map<String, String>> partitions) {
    }

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(\\d+))");

    private GptTools() {
    }

    static void assertInstalled() throws IOException {
        for (String[] tool : List.of(new String[] {"sgdisk", "--version"}, new String[] {"sfdisk", "--version"},
                new String[] {"cgpt", "--help"})) {
            boolean ok;
            try {
                Command.run(tool);
                ok = true;
            } catch (IOException e) {
                ok = false;
            }
            assertTrue(ok, tool[0] + " is missing: run scripts/install-test-deps (packages gdisk, fdisk, cgpt)");
        }
    }

    static Command.Result sgdisk(Path disk, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sgdisk"));
        command.addAll(List.of(args));
        command.add(disk.toString());
        return Command.run(command);
    }

    static Command.Result cgpt(String verb, Path disk, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("cgpt", verb));
        command.addAll(List.of(args));
        command.add(disk.toString());
        return Command.run(command);
    }

    /** {@code cgpt show -i N FLAG}: one bare value (-P, -T, -S, -A, -l, -u, -t, -b, -s). */
    static String cgptShow(Path disk, int number, String flag) throws IOException {
        return cgpt("show", disk, "-i", Integer.toString(number), flag).check().out().trim();
    }

    /** {@code sfdisk --json}, parsed field by field (its JSON has one flat object per partition). */
    static SfdiskTable sfdiskJson(Path disk) throws IOException {
        String json = Command.run("sfdisk", "--json", disk.toString()).check().out();
        int partitionsAt = json.indexOf("\"partitions\"");
        Map<String, String> table = fields(partitionsAt < 0 ? json : json.substring(0, partitionsAt));
        List<Map<String, String>> partitions = new ArrayList<>();
        if (partitionsAt >= 0) {
            for (String object : json.substring(partitionsAt).split("\\}")) {
                Map<String, String> fields = fields(object);
                if (!fields.isEmpty()) {
                    partitions.add(fields);
                }
            }
        }
        return new SfdiskTable(table, partitions);
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            fields.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return fields;
    }
}
