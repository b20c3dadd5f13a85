package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.tree.Content;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import dev.slipway.tree.TreeEdits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    private static final Metadata FILE = Metadata.of(0644, 0, 0, Timestamp.ofSeconds(1_000));

    @Test
    void removesHostAndRunFilesAndEmptiesMachineId() throws Exception {
        TreeBuilder builder = new TreeBuilder(null);
        builder.add("etc/hostname", file("buildhost\n"));
        builder.add("etc/machine-id", file("0123456789abcdef0123456789abcdef\n"));
        builder.add("var/log/dpkg.log", file("2026-11-23 12:00:00 startup\n"));
        builder.add("var/cache/ldconfig/aux-cache", file("cache"));
        builder.add("usr/lib/os-release", file("ID=debian\n"));

        Normalization.Result result = Normalization.apply(builder.build());

        assertEquals(List.of("etc/hostname", "etc/machine-id", "var/cache/ldconfig/aux-cache", "var/log/dpkg.log"),
                result.changed());
        FileTree tree = result.tree();
        assertTrue(TreeEdits.lookup(tree, "etc/hostname").isEmpty());
        assertTrue(TreeEdits.lookup(tree, "var/log/dpkg.log").isEmpty());
        RegularFile machineId = (RegularFile) TreeEdits.lookup(tree, "etc/machine-id").orElseThrow();
        assertEquals(0, machineId.size());
        assertEquals(FILE, machineId.metadata(), "metadata kept");
        assertTrue(TreeEdits.lookup(tree, "usr/lib/os-release").isPresent());
    }

    @Test
    void aTreeWithNothingToNormaliseIsReturnedAsItIs() throws Exception {
        TreeBuilder builder = new TreeBuilder(null);
        builder.add("usr/bin/true", file("#!/bin/sh\n"));
        builder.add("etc/machine-id", file(""));
        FileTree tree = builder.build();
        Normalization.Result result = Normalization.apply(tree);
        assertSame(tree, result.tree());
        assertEquals(List.of(), result.changed());
    }

    @Test
    void everyRuleSaysWhy() {
        for (Normalization.Rule rule : Normalization.RULES) {
            assertTrue(!rule.why().isBlank() && !rule.path().startsWith("/"), rule.toString());
        }
    }

    private static RegularFile file(String text) {
        return new RegularFile(FILE, Content.ofBytes(text.getBytes(StandardCharsets.UTF_8)));
    }
}
