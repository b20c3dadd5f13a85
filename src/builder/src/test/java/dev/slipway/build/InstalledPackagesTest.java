package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.tree.Content;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstalledPackagesTest {

    private static final String STATUS = """
            Package: libc6
            Status: install ok installed
            Architecture: amd64
            Multi-Arch: same
            Version: 2.36-9+deb12u14
            Description: GNU C Library: Shared libraries
             Contains the standard libraries that are used by nearly all programs on
             the system.

            Package: removed-one
            Status: deinstall ok config-files
            Architecture: amd64
            Version: 1.0

            Package: base-files
            Status: install ok installed
            Architecture: amd64
            Version: 12.4+deb12u15
            """;

    private static final DebianPackage LIBC = new DebianPackage("libc6", "2.36-9+deb12u14", "amd64", "glibc",
            "a".repeat(64), "pool/main/g/glibc/libc6_2.36-9+deb12u14_amd64.deb", 2_757_000);
    private static final DebianPackage BASE_FILES = new DebianPackage("base-files", "12.4+deb12u15", "amd64",
            "base-files", "b".repeat(64), "pool/main/b/base-files/base-files_12.4+deb12u15_amd64.deb", 70_000);

    @Test
    void installedPackagesAreMatchedAndSorted() throws Exception {
        List<DebianPackage> installed = InstalledPackages.match(tree(STATUS), List.of(LIBC, BASE_FILES));
        assertEquals(List.of(BASE_FILES, LIBC), installed);
    }

    @Test
    void anInstalledPackageWithoutArchiveRecordIsRefused() {
        BuildException e = assertThrows(BuildException.class, () -> InstalledPackages.match(tree(STATUS), List.of(LIBC)));
        assertTrue(e.getMessage().contains("base-files 12.4+deb12u15"), e.getMessage());
    }

    @Test
    void twoRecordsWithDifferentDigestsForOneVersionAreRefused() {
        DebianPackage other = new DebianPackage("libc6", LIBC.version(), "amd64", "glibc", "c".repeat(64), "x", 1);
        BuildException e = assertThrows(BuildException.class,
                () -> InstalledPackages.match(tree(STATUS), List.of(LIBC, other, BASE_FILES)));
        assertTrue(e.getMessage().contains("different digests"), e.getMessage());
    }

    @Test
    void aTreeWithoutDpkgIsNotADebianSystem() {
        BuildException e = assertThrows(BuildException.class,
                () -> InstalledPackages.match(new TreeBuilder(null).build(), List.of()));
        assertTrue(e.getMessage().contains("var/lib/dpkg/status"), e.getMessage());
    }

    private static FileTree tree(String status) throws Exception {
        TreeBuilder builder = new TreeBuilder(null);
        builder.add(InstalledPackages.DPKG_STATUS, new RegularFile(Metadata.of(0644, 0, 0, Timestamp.ofSeconds(1)),
                Content.ofBytes(status.getBytes(StandardCharsets.UTF_8))));
        return builder.build();
    }
}
