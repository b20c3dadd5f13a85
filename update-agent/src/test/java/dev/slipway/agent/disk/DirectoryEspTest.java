package dev.slipway.agent.disk;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.testing.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DirectoryEsp} on a temporary directory; ls is the peer that lists what is really there. */
class DirectoryEspTest extends EspFilesBehaviour {

    @TempDir
    Path dir;

    @Override
    EspFiles esp() {
        return new DirectoryEsp(dir);
    }

    @Override
    void plantStaleTemporary(String path, byte[] bytes) throws IOException {
        Files.write(dir.resolve(path + ".slipway-tmp"), bytes);
    }

    /** On a node the ESP must really be mounted: a plain directory (here ext4 or tmpfs) is refused. */
    @Test
    void mountedAtRefusesWhatIsNotFat() throws IOException {
        String type = Command.run("stat", "-f", "-c", "%T", dir.toString()).check().out().strip();
        IOException e = assertThrows(IOException.class, () -> DirectoryEsp.mountedAt(dir));
        assertTrue(e.getMessage().startsWith("no EFI system partition is mounted at " + dir + " (its filesystem is "),
                e.getMessage());
        assertTrue(e.getMessage().contains(type.startsWith("ext2") ? "ext4" : type), e.getMessage() + " / " + type);
        assertThrows(IOException.class, () -> DirectoryEsp.mountedAt(dir.resolve("missing")));
    }

    @Test
    void aMissingRootIsNotMade() {
        EspFiles esp = new DirectoryEsp(dir.resolve("efi"));
        assertThrows(NoSuchFileException.class, () -> esp.write("loader/loader.conf", new byte[] {1}));
        assertTrue(Files.notExists(dir.resolve("efi")));
    }

    @Override
    List<String> namesSeenByPeer(String directory) throws IOException {
        Path listed = directory.isEmpty() ? dir : dir.resolve(directory);
        return Command.run("ls", "-A", "-1", listed.toString()).check().out().lines().sorted().toList();
    }
}
