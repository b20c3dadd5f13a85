package dev.slipway.agent.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the fetch layer accepts before any request: repository paths, base URIs, settings, ranges. */
class FetchArgumentsTest {

    @Test
    void acceptsTheRepositorysOwnNames() {
        for (String ok : new String[] {"channels/stable.json", "channels/stable.json.p7s", "2026.11.1/usr.frames",
                "1.2.3+build.4/usr.frames.json", "v1/vmlinuz", "a~b_c-d", ".well-known"}) {
            assertEquals(ok, RepositoryPaths.check(ok));
        }
    }

    @Test
    void refusesWhatCouldLeaveTheBaseOrNeedEncoding() {
        String[][] cases = {
            {"../x", "\"..\" segment"}, {"a/../../x", "\"..\" segment"}, {"a/./b", "\".\" segment"},
            {"/etc/passwd", "absolute"}, {"a//b", "empty segment"}, {"a/", "empty segment"}, {"", "empty"},
            {"a\\b", "'\\'"}, {"%2e%2e/x", "'%'"}, {"a?b=1", "'?'"}, {"a#b", "'#'"}, {"a b", "' '"},
            {"a\nb", "U+000A"}, {"caf\u00e9", "U+00E9"}, {"x".repeat(1025), "longer than 1024"}};
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RepositoryPaths.check(c[0]));
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RepositoryPaths.check(null));
    }

    @Test
    void baseUrisOfTheThreeSchemes() throws Exception {
        try (RepositoryClient http = RepositoryClients.open(URI.create("http://127.0.0.1:8080/repo"),
                FetchSettings.defaults())) {
            assertEquals("http://127.0.0.1:8080/repo/channels/stable.json", http.describe("channels/stable.json"));
        }
        try (RepositoryClient https = RepositoryClients.open(URI.create("https://updates.example/slipway/"),
                FetchSettings.defaults())) {
            assertEquals("https://updates.example/slipway/v1/usr.frames", https.describe("v1/usr.frames"));
        }
        try (RepositoryClient file = RepositoryClients.open(URI.create("file:///srv/repo"), FetchSettings.defaults())) {
            assertEquals("/srv/repo/v1/usr.frames", file.describe("v1/usr.frames"));
        }
    }

    @Test
    void refusesOtherBaseUris() {
        for (String bad : new String[] {"ftp://127.0.0.1/repo", "repo/relative", "http://127.0.0.1/repo?x=1",
                "http://127.0.0.1/repo#top", "http://user:secret@127.0.0.1/repo", "file://host/srv/repo",
                "mailto:ops@example.com"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> RepositoryClients.open(URI.create(bad), FetchSettings.defaults()), bad);
        }
    }

    @Test
    void settingsAreChecked() {
        Duration s = Duration.ofSeconds(1);
        assertThrows(IllegalArgumentException.class, () -> new FetchSettings(Duration.ZERO, s, s, "a"));
        assertThrows(IllegalArgumentException.class, () -> new FetchSettings(s, s.negated(), s, "a"));
        assertThrows(IllegalArgumentException.class, () -> new FetchSettings(s, s, s, "agent\r\nX-Injected: 1"));
        assertThrows(IllegalArgumentException.class, () -> new FetchSettings(s, s, s, " "));
        assertTrue(FetchSettings.defaults().userAgent().startsWith("slipway-agent/"));
    }

    @Test
    void rangesAreChecked() throws Exception {
        try (RepositoryClient c = RepositoryClients.open(URI.create("file:///srv/repo"), FetchSettings.defaults())) {
            assertThrows(IllegalArgumentException.class, () -> c.openRange("a", -1, 1));
            assertThrows(IllegalArgumentException.class, () -> c.openRange("a", 0, -1));
            assertThrows(IllegalArgumentException.class, () -> c.openRange("a", Long.MAX_VALUE, 2));
            assertThrows(IllegalArgumentException.class, () -> c.fetch("a", -1));
        }
    }

    @Test
    void contentRangeForms() {
        assertEquals(new ContentRange(0, 99, 1000), ContentRange.parse("bytes 0-99/1000"));
        assertEquals(new ContentRange(5, 5, -1), ContentRange.parse("bytes 5-5/*"));
        assertEquals(new ContentRange(-1, -1, 1000), ContentRange.parse("bytes */1000"));
        assertNull(ContentRange.parse("bytes 10-9/1000"), "inverted");
        assertNull(ContentRange.parse("bytes 0-1000/1000"), "past its own length");
        assertNull(ContentRange.parse("bytes=0-99/1000"));
        assertNull(ContentRange.parse("items 0-99/1000"));
        assertNull(ContentRange.parse("bytes 0-99999999999999999999/*"), "overflow");
    }
}
