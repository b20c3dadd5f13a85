package dev.slipway.agent.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.agent.fetch.FetchException.Reason;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The contract for a repository in a local directory ({@code file:///...}), and what only a directory has. */
class FileRepositoryClientTest extends RepositoryClientContract {

    @Override
    URI serve() {
        return root.toUri();
    }

    @Override
    void stopServing() {
    }

    @Test
    void baseWithoutTrailingSlashIsADirectory() throws IOException {
        URI bare = URI.create(root.toUri().toString().replaceAll("/$", ""));
        try (RepositoryClient c = RepositoryClients.open(bare, FetchSettings.defaults())) {
            assertArrayEquals(channel, c.fetch(CHANNEL, 4096));
            assertEquals(root.resolve(CHANNEL).toString(), c.describe(CHANNEL));
        }
    }

    @Test
    void followsSymbolicLinksOnlyInsideTheRepository(@org.junit.jupiter.api.io.TempDir Path outside)
            throws IOException {
        Files.createSymbolicLink(root.resolve("channels/current.json"), Path.of("stable.json"));
        assertArrayEquals(channel, client.fetch("channels/current.json", 4096));

        Files.writeString(outside.resolve("secret"), "not part of the repository");
        Files.createSymbolicLink(root.resolve("v1/escape"), outside.resolve("secret"));
        FetchException e = assertThrows(FetchException.class, () -> client.fetch("v1/escape", 4096));
        assertEquals(Reason.BAD_RESPONSE, e.reason());
        assertTrue(e.getMessage().contains("outside the repository"), e.getMessage());
        assertThrows(FetchException.class, () -> client.openRange("v1/escape", 0, 1));
    }

    @Test
    void aDirectoryIsNoFile() {
        FetchException e = assertThrows(FetchException.class, () -> client.fetch("v1", 4096));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void missingRepositoryDirectorySaysToMountIt() throws IOException {
        URI missing = root.resolve("not-mounted").toUri();
        try (RepositoryClient c = RepositoryClients.open(missing, FetchSettings.defaults())) {
            FetchException e = assertThrows(FetchException.class, () -> c.fetch(CHANNEL, 4096));
            assertEquals(Reason.NOT_FOUND, e.reason());
            assertTrue(e.getMessage().contains("mounted"), e.getMessage());
        }
    }
}
