package dev.slipway.agent.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.agent.fetch.FetchException.Reason;
import dev.slipway.agent.testing.Nginx;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract against a real static file server, Debian's nginx; its access log is the independent record of
 * what was asked (ranges, user agent) and how many body bytes it sent.
 */
class NginxRepositoryClientTest extends RepositoryClientContract {

    private Nginx nginx;

    @Override
    URI serve() throws IOException {
        nginx = Nginx.serve(root);
        return nginx.baseUri();
    }

    @Override
    void stopServing() throws IOException {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void nginxLogsTheRangesAskedAndTheBytesCounted() throws Exception {
        client.fetch(CHANNEL, 4096);
        try (InputStream in = client.openRange(FRAMES, 4096, 8192)) {
            in.readAllBytes();
        }
        try (InputStream in = client.openRange(FRAMES, 0, 1)) {
            in.readAllBytes();
        }
        List<String> log = awaitLogLines(3);
        String agent = "\"" + FetchSettings.defaultUserAgent() + "\"";
        assertEquals(List.of(
                "GET /" + CHANNEL + " \"-\" 200 " + channel.length + " " + agent,
                "GET /" + FRAMES + " \"bytes=4096-12287\" 206 8192 " + agent,
                "GET /" + FRAMES + " \"bytes=0-0\" 206 1 " + agent), log);
        long sent = log.stream().mapToLong(line -> Long.parseLong(line.split(" ")[4])).sum();
        assertEquals(sent, client.bytesFetched());
    }

    @Test
    void directoryRedirectIsFollowedThenRefusedByTheServer() {
        // nginx answers a directory without its slash with 301 to the slash form, then 403 (no index).
        FetchException e = assertThrows(FetchException.class, () -> client.fetch("v1", 4096));
        assertEquals(Reason.HTTP_STATUS, e.reason());
        assertEquals(403, e.status());
        assertFalse(e.transientFailure());
        assertTrue(e.getMessage().contains("redirected to " + nginx.baseUri() + "v1/"), e.getMessage());
    }

    private List<String> awaitLogLines(int count) throws IOException, InterruptedException {
        // nginx writes a request's line once it has finished sending, which may be just after the client read it.
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> log = nginx.accessLog();
        while (log.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            log = nginx.accessLog();
        }
        return log;
    }
}
