package dev.slipway.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slipway.tree.Content;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.Symlink;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeBuilder;
import dev.slipway.tree.TreeEdits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OsReleaseTest {

    private static final Timestamp TIME = Timestamp.ofSeconds(1_747_699_200L);

    private static String read(FileTree tree) throws Exception {
        RegularFile file = (RegularFile) TreeEdits.lookup(tree, OsRelease.PATH).orElseThrow();
        ByteBuffer bytes = ByteBuffer.allocate((int) file.size());
        file.content().read(0, bytes);
        return new String(bytes.array(), StandardCharsets.UTF_8);
    }

    @Test
    void theDistributionsFieldsStayAndTheImagesReplaceAnyEarlierOnes() throws Exception {
        TreeBuilder builder = new TreeBuilder(TIME);
        builder.add(OsRelease.PATH, new RegularFile(Metadata.of(0644, 0, 0, Timestamp.ofSeconds(1)), Content.ofBytes(
                "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nIMAGE_ID=old\n\nVERSION_ID=\"12\"\n"
                        .getBytes(StandardCharsets.UTF_8))));
        FileTree stamped = OsRelease.stamp(builder.build(), "aks-node", "1.2.3", TIME);
        assertEquals("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n"
                + "IMAGE_ID=aks-node\nIMAGE_VERSION=1.2.3\nSYSEXT_LEVEL=1.0\n", read(stamped));
        assertEquals(TIME, TreeEdits.lookup(stamped, OsRelease.PATH).orElseThrow().metadata().mtime());
    }

    @Test
    void aSymlinkOutOfUsrIsRefused() throws Exception {
        TreeBuilder builder = new TreeBuilder(TIME);
        builder.add(OsRelease.PATH, new Symlink(Metadata.of(0777, 0, 0, TIME), "../../etc/os-release"));
        BuildException e = assertThrows(BuildException.class, () -> OsRelease.stamp(builder.build(), "x", "1", TIME));
        assertEquals("/usr/lib/os-release is not a regular file; os-release must live in /usr itself", e.getMessage());
    }
}
