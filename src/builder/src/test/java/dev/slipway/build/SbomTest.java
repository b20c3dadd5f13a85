package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.tree.Content;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class SbomTest {

    private static final Timestamp EPOCH = Timestamp.ofSeconds(1_700_000_000);
    private static final Metadata META = Metadata.of(0644, 0, 0, Timestamp.ofSeconds(1_000));

    private static final String STATUS = """
            Package: libfoo1
            Status: install ok installed
            Maintainer: Foo Maintainers <foo@example.org>
            Architecture: amd64
            Multi-Arch: same
            Source: foo (1.2-1)
            Version: 1.2-1+b1
            Description: the foo library
             Long description, on a continuation line.

            Package: removed-one
            Status: deinstall ok config-files
            Architecture: amd64
            Version: 1.0

            Package: base-files
            Status: install ok installed
            Architecture: amd64
            Version: 12.4+deb12u15

            Package: hello-data
            Status: install ok installed
            Architecture: all
            Version: 2.0-1
            """;

    private static final String DEP5 = """
            Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
            Upstream-Name: foo

            Files: *
            Copyright: 2020 Foo Authors
            License: GPL-2+

            Files: debian/*
            Copyright: 2021 A Debian Developer
            License: BSD-3-clause or MIT

            License: GPL-2+
             This library is free software; see /usr/share/common-licenses/GPL-2.
            """;

    private static final String FREE_FORM = """
            This package was debianized by someone in 1999.
            License: it is all GPL, more or less.
            """;

    private static final DebianPackage BASE_FILES = new DebianPackage("base-files", "12.4+deb12u15", "amd64",
            "base-files", "b".repeat(64), "pool/main/b/base-files/base-files_12.4+deb12u15_amd64.deb", 70_000);
    private static final DebianPackage HELLO_DATA = new DebianPackage("hello-data", "2.0-1", "all", "hello",
            "c".repeat(64), "pool/main/h/hello/hello-data_2.0-1_all.deb", 12_345);
    private static final DebianPackage LIBFOO = new DebianPackage("libfoo1", "1.2-1+b1", "amd64", "foo",
            "a".repeat(64), "pool/main/f/foo/libfoo1_1.2-1+b1_amd64.deb", 4_096);
    /** In the archive index but not installed: must not appear. */
    private static final DebianPackage NOT_INSTALLED = new DebianPackage("unrelated", "1", "amd64", "unrelated",
            "d".repeat(64), "pool/main/u/unrelated/unrelated_1_amd64.deb", 1);
    private static final List<DebianPackage> ARCHIVED = List.of(LIBFOO, NOT_INSTALLED, BASE_FILES, HELLO_DATA);

    @Test
    void listsExactlyTheInstalledPackagesWithPurlsDigestsAndProperties() throws Exception {
        JsonNode bom = parse(Sbom.write(tree(files()), ARCHIVED, null, "slipway-base", "1.0.0", EPOCH));

        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        assertEquals("1.6", bom.path("specVersion").asText());
        List<String> names = new ArrayList<>();
        bom.path("components").forEach(c -> names.add(c.path("name").asText()));
        assertEquals(List.of("base-files", "hello-data", "libfoo1"), names);

        JsonNode libfoo = component(bom, "libfoo1");
        assertEquals("library", libfoo.path("type").asText());
        assertEquals("1.2-1+b1", libfoo.path("version").asText());
        String purl = "pkg:deb/debian/libfoo1@1.2-1%2Bb1?arch=amd64&distro=debian-12";
        assertEquals(purl, libfoo.path("purl").asText());
        assertEquals(purl, libfoo.path("bom-ref").asText());
        assertEquals("Foo Maintainers <foo@example.org>", libfoo.path("publisher").asText());
        assertEquals("SHA-256", libfoo.path("hashes").get(0).path("alg").asText());
        assertEquals(LIBFOO.sha256(), libfoo.path("hashes").get(0).path("content").asText());
        assertEquals(Map.of("slipway:debian:source", "foo", "slipway:debian:source-version", "1.2-1",
                        "slipway:debian:pool-filename", LIBFOO.filename(), "slipway:debian:deb-size", "4096"),
                properties(libfoo));
        assertEquals("pkg:deb/debian/hello-data@2.0-1?arch=all&distro=debian-12",
                component(bom, "hello-data").path("purl").asText());
        assertFalse(properties(component(bom, "base-files")).containsKey("slipway:debian:source-version"));
        assertEquals("base-files", properties(component(bom, "base-files")).get("slipway:debian:source"));
    }

    @Test
    void nestsEachPackagesRegularFilesWithTheirDigests() throws Exception {
        Map<String, String> contents = files();
        JsonNode bom = parse(Sbom.write(tree(contents), ARCHIVED, null, "slipway-base", "1.0.0", EPOCH));

        // base-files: /bin/true through the merged-/usr symlink; not /etc/os-release (a symlink),
        // not /usr/bin/tool (diverted by hello-data), not a missing path or a symlink loop, no directories.
        assertEquals(Map.of("/usr/bin/true", sha256(contents.get("usr/bin/true")),
                        "/usr/lib/os-release", sha256(contents.get("usr/lib/os-release"))),
                fileDigests(component(bom, "base-files")));
        assertEquals(List.of("/usr/bin/tool", "/usr/share/doc/hello-data/copyright", "/usr/share/hello/data.txt"),
                List.copyOf(fileDigests(component(bom, "hello-data")).keySet()));
        assertEquals(sha256(contents.get("usr/bin/tool")),
                fileDigests(component(bom, "hello-data")).get("/usr/bin/tool"));
        assertEquals(List.of("/usr/lib/x86_64-linux-gnu/libfoo.so.1.2", "/usr/share/doc/libfoo1/copyright"),
                List.copyOf(fileDigests(component(bom, "libfoo1")).keySet()));
        component(bom, "libfoo1").path("components").forEach(f -> assertEquals("file", f.path("type").asText()));
    }

    @Test
    void takesLicencesFromMachineReadableCopyrightOnly() throws Exception {
        JsonNode bom = parse(Sbom.write(tree(files()), ARCHIVED, null, "slipway-base", "1.0.0", EPOCH));

        JsonNode licences = component(bom, "libfoo1").path("licenses");
        assertEquals(3, licences.size(), licences.toString());
        assertEquals("BSD-3-Clause", licences.get(0).path("license").path("id").asText());
        // DEP-5's "GPL-2+" is no SPDX id (SPDX says GPL-2.0-or-later): kept as a name.
        assertEquals("GPL-2+", licences.get(1).path("license").path("name").asText());
        assertTrue(licences.get(1).path("license").path("id").isMissingNode());
        assertEquals("MIT", licences.get(2).path("license").path("id").asText());
        assertTrue(component(bom, "hello-data").path("licenses").isMissingNode(), "free-form copyright");
        assertTrue(component(bom, "base-files").path("licenses").isMissingNode(), "no copyright file");
    }

    @Test
    void describesTheImageAndIsValidCycloneDx() throws Exception {
        byte[] json = Sbom.write(tree(files()), ARCHIVED, null, "slipway-base", "1.0.0", EPOCH);

        assertEquals(List.of(), new JsonParser().validate(json, Version.VERSION_16));
        JsonNode metadata = parse(json).path("metadata");
        assertEquals("2023-11-14T22:13:20Z", metadata.path("timestamp").asText());
        assertEquals("operating-system", metadata.path("component").path("type").asText());
        assertEquals("slipway-base", metadata.path("component").path("name").asText());
        assertEquals("1.0.0", metadata.path("component").path("version").asText());
        assertEquals("slipway", metadata.path("tools").path("components").get(0).path("name").asText());
        assertTrue(parse(json).path("serialNumber").asText().matches("urn:uuid:[0-9a-f-]{36}"));
    }

    @Test
    void theSameTreeGivesTheSameBytesAndAChangedPackageANewSerialNumber() throws Exception {
        byte[] first = Sbom.write(tree(files()), ARCHIVED, null, "slipway-base", "1.0.0", EPOCH);
        byte[] second = Sbom.write(tree(files()), ARCHIVED, null, "slipway-base", "1.0.0", EPOCH);
        assertArrayEquals(first, second);

        DebianPackage rebuilt = new DebianPackage(LIBFOO.name(), LIBFOO.version(), LIBFOO.architecture(),
                LIBFOO.source(), "e".repeat(64), LIBFOO.filename(), LIBFOO.size());
        byte[] changed = Sbom.write(tree(files()), List.of(rebuilt, BASE_FILES, HELLO_DATA), null, "slipway-base", "1.0.0",
                EPOCH);
        assertNotEquals(parse(first).path("serialNumber").asText(), parse(changed).path("serialNumber").asText());
    }

    @Test
    void aTreeWithoutDpkgStatusIsRefused() {
        Map<String, String> contents = files();
        contents.remove(DpkgDatabase.STATUS);
        BuildException e = assertThrows(BuildException.class,
                () -> Sbom.write(tree(contents), ARCHIVED, null, "x", "1", EPOCH));
        assertTrue(e.getMessage().contains("var/lib/dpkg/status"), e.getMessage());
    }

    @Test
    void aMissingFileListIsRefused() {
        Map<String, String> contents = files();
        contents.remove(DpkgDatabase.INFO + "hello-data.list");
        BuildException e = assertThrows(BuildException.class,
                () -> Sbom.write(tree(contents), ARCHIVED, null, "x", "1", EPOCH));
        assertTrue(e.getMessage().contains("hello-data.list"), e.getMessage());
    }

    @Test
    void aMalformedStatusIsRefused() {
        Map<String, String> noVersion = files();
        noVersion.put(DpkgDatabase.STATUS, "Package: hello-data\nStatus: install ok installed\nArchitecture: all\n");
        BuildException e = assertThrows(BuildException.class,
                () -> Sbom.write(tree(noVersion), ARCHIVED, null, "x", "1", EPOCH));
        assertTrue(e.getMessage().contains("Version"), e.getMessage());

        Map<String, String> badSource = files();
        badSource.put(DpkgDatabase.STATUS, STATUS.replace("Source: foo (1.2-1)", "Source: foo (1.2-1"));
        e = assertThrows(BuildException.class, () -> Sbom.write(tree(badSource), ARCHIVED, null, "x", "1", EPOCH));
        assertTrue(e.getMessage().contains("Source"), e.getMessage());
    }

    @Test
    void anInstalledPackageWithoutArchiveRecordIsRefused() {
        BuildException e = assertThrows(BuildException.class,
                () -> Sbom.write(tree(files()), List.of(LIBFOO, BASE_FILES), null, "x", "1", EPOCH));
        assertTrue(e.getMessage().contains("hello-data"), e.getMessage());
    }

    /** Regular files of the test tree by path; the tree adds directories and symlinks. */
    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(DpkgDatabase.STATUS, STATUS);
        files.put(DpkgDatabase.DIVERSIONS, "/usr/bin/tool\n/usr/bin/tool.distrib\nhello-data\n");
        files.put(DpkgDatabase.INFO + "base-files.list", String.join("\n", "/.", "/etc", "/etc/os-release", "/usr",
                "/usr/lib", "/usr/lib/os-release", "/bin", "/bin/true", "/usr/bin/tool", "/usr/share/gone", "/loop/x", ""));
        files.put(DpkgDatabase.INFO + "libfoo1:amd64.list", String.join("\n", "/.", "/usr/lib/x86_64-linux-gnu",
                "/usr/lib/x86_64-linux-gnu/libfoo.so.1.2", "/usr/lib/x86_64-linux-gnu/libfoo.so.1",
                "/usr/share/doc/libfoo1", "/usr/share/doc/libfoo1/copyright", ""));
        files.put(DpkgDatabase.INFO + "hello-data.list", String.join("\n", "/.", "/usr/share/hello",
                "/usr/share/hello/data.txt", "/usr/share/doc/hello-data/copyright", "/usr/bin/tool", ""));
        files.put("usr/lib/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");
        files.put("usr/bin/true", "\u007fELF true");
        files.put("usr/bin/tool", "hello-data's tool");
        files.put("usr/bin/tool.distrib", "base-files' tool");
        files.put("usr/lib/x86_64-linux-gnu/libfoo.so.1.2", "\u007fELF libfoo");
        files.put("usr/share/doc/libfoo1/copyright", DEP5);
        files.put("usr/share/doc/hello-data/copyright", FREE_FORM);
        files.put("usr/share/hello/data.txt", "hello, world\n");
        return files;
    }

    private static FileTree tree(Map<String, String> files) throws Exception {
        TreeBuilder builder = new TreeBuilder(null);
        builder.addDirectory("usr/bin", META);
        builder.addDirectory("etc", META);
        builder.add("bin", new Symlink(META, "usr/bin"));
        builder.add("loop", new Symlink(META, "/loop"));
        builder.add("etc/os-release", new Symlink(META, "../usr/lib/os-release"));
        builder.addDirectory("usr/lib/x86_64-linux-gnu", META);
        builder.add("usr/lib/x86_64-linux-gnu/libfoo.so.1", new Symlink(META, "libfoo.so.1.2"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            builder.add(file.getKey(),
                    new RegularFile(META, Content.ofBytes(file.getValue().getBytes(StandardCharsets.UTF_8))));
        }
        return builder.build();
    }

    private static JsonNode parse(byte[] json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    private static JsonNode component(JsonNode bom, String name) {
        for (JsonNode c : bom.path("components")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no component " + name);
    }

    private static Map<String, String> properties(JsonNode component) {
        Map<String, String> properties = new LinkedHashMap<>();
        component.path("properties").forEach(p -> properties.put(p.path("name").asText(), p.path("value").asText()));
        return properties;
    }

    /** Nested file components, path to SHA-256, in document order. */
    private static Map<String, String> fileDigests(JsonNode component) {
        Map<String, String> digests = new LinkedHashMap<>();
        component.path("components").forEach(f -> digests.put(f.path("name").asText(),
                f.path("hashes").get(0).path("content").asText()));
        return digests;
    }

    private static String sha256(String content) {
        return FileDigests.sha256(content.getBytes(StandardCharsets.UTF_8));
    }
}
