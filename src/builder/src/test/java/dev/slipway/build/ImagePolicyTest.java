package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.profile.Policy;
import dev.slipway.tree.Content;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import dev.slipway.tree.TreeEdits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePolicyTest {

    private static final Timestamp TIME = Timestamp.ofSeconds(1_747_699_200L);

    private static FileTree tree(String... paths) throws Exception {
        TreeBuilder builder = new TreeBuilder(TIME);
        for (String path : paths) {
            builder.add(path, new RegularFile(Metadata.of(0644, 0, 0, TIME), Content.ofBytes(new byte[1])));
        }
        return builder.build();
    }

    private static List<String> files(FileTree tree) {
        List<String> files = new ArrayList<>();
        tree.walk((path, node) -> {
            if (node instanceof RegularFile) {
                files.add(path);
            }
        });
        return files;
    }

    @Test
    void packageManagersGoAndOnlyWhatTheProfileKeepsStays() throws Exception {
        FileTree tree = tree("usr/bin/dpkg", "usr/bin/dpkg-query", "usr/bin/apt-get", "usr/bin/bash",
                "usr/lib/x86_64-linux-gnu/libapt-pkg.so.6.0", "usr/lib/x86_64-linux-gnu/libc.so.6",
                "var/lib/dpkg/status", "var/lib/apt/extended_states", "etc/apt/sources.list", "etc/passwd",
                "usr/share/doc/bash/copyright", "usr/share/doc/bash/README", "usr/share/doc/bash/examples/x",
                "usr/share/man/man1/bash.1.gz", "usr/share/locale/de/LC_MESSAGES/bash.mo",
                "usr/share/locale/fr/LC_MESSAGES/bash.mo", "usr/share/locale/locale.alias",
                "usr/share/zoneinfo/right/UTC", "usr/share/zoneinfo/UTC");
        Policy policy = new Policy(Policy.DOCS_COPYRIGHT, Policy.REMOVE, List.of("de"),
                List.of("usr/share/zoneinfo/right"), List.of());
        ImagePolicy.Result result = ImagePolicy.apply(tree, policy);
        assertEquals(List.of("etc/passwd", "usr/bin/bash", "usr/lib/x86_64-linux-gnu/libc.so.6",
                "usr/share/doc/bash/copyright", "usr/share/locale/de/LC_MESSAGES/bash.mo", "usr/share/locale/locale.alias",
                "usr/share/zoneinfo/UTC"), files(result.tree()));
        assertTrue(result.removed().containsAll(List.of("usr/bin/dpkg", "var/lib/dpkg", "etc/apt", "usr/share/man",
                "usr/share/doc/bash/examples", "usr/share/locale/fr", "usr/share/zoneinfo/right")), result.removed().toString());
        assertTrue(TreeEdits.lookup(result.tree(), "var/lib").isPresent(), "parents stay");
    }

    @Test
    void docsAndManPagesCanBeKept() throws Exception {
        FileTree tree = tree("usr/share/doc/bash/README", "usr/share/man/man1/bash.1.gz");
        Policy keep = new Policy(Policy.DOCS_ALL, Policy.KEEP, List.of(), List.of(), List.of());
        assertEquals(List.of("usr/share/doc/bash/README", "usr/share/man/man1/bash.1.gz"),
                files(ImagePolicy.apply(tree, keep).tree()));
        Policy none = new Policy(Policy.DOCS_NONE, Policy.REMOVE, List.of(), List.of(), List.of());
        assertEquals(List.of(), files(ImagePolicy.apply(tree("usr/share/doc/bash/copyright"), none).tree()));
    }

    @Test
    void anotherPackageManagerOrAForbiddenPathFailsTheBuildNamingIt() throws Exception {
        BuildException rpm = assertThrows(BuildException.class, () -> ImagePolicy.apply(tree("usr/bin/rpm",
                "usr/bin/pip3"), Policy.DEFAULT));
        assertTrue(rpm.getMessage().contains("/usr/bin/pip3, /usr/bin/rpm"), rpm.getMessage());
        assertTrue(rpm.getMessage().contains("policy.remove"), rpm.getMessage());
        Policy forbidShells = new Policy(Policy.DOCS_COPYRIGHT, Policy.REMOVE, List.of(), List.of(),
                List.of("usr/bin/*sh"));
        BuildException shell = assertThrows(BuildException.class, () -> ImagePolicy.apply(tree("usr/bin/bash"),
                forbidShells));
        assertTrue(shell.getMessage().contains("/usr/bin/bash"), shell.getMessage());
    }
}
