package dev.slipway.agent.disk;

import dev.slipway.testing.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Override
    List<String> namesSeenByPeer(String directory) throws IOException {
        Path listed = directory.isEmpty() ? dir : dir.resolve(directory);
        return Command.run("ls", "-A", "-1", listed.toString()).check().out().lines().sorted().toList();
    }
}
