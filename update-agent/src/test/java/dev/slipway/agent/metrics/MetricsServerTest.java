package dev.slipway.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.slipway.testing.Command;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint over real TCP on 127.0.0.1, fetched with curl and parsed by Debian's python3-prometheus-client
 * ({@code prometheus_client.parser.text_string_to_metric_families}).
 */
class MetricsServerTest {

    static final String HOSTILE_VERSION = "2026.11.0\"} 666\n# TYPE evil counter\nevil_total 1 \\";
    static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress("127.0.0.1", 0);

    @TempDir
    Path dir;

    /** curl's status code, headers (lower-cased names) and body. */
    record Response(int status, String headers, Path body) {
    }

    private Response curl(MetricsServer server, String method, String path) throws IOException {
        Path body = Files.createTempFile(dir, "body", ".txt");
        Path headers = Files.createTempFile(dir, "headers", ".txt");
        String url = "http://127.0.0.1:" + server.address().getPort() + path;
        Command.Result result = Command.run("curl", "-sS", "--max-time", "10", "-X", method, "-D", headers.toString(),
                "-o", body.toString(), "-w", "%{http_code}", url).check();
        return new Response(Integer.parseInt(result.out().strip()), Files.readString(headers).toLowerCase(), body);
    }

    private JsonNode parse(Path exposition) throws IOException {
        Path script = dir.resolve("parse_metrics.py");
        try (InputStream in = getClass().getResourceAsStream("parse_metrics.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        // Debian's interpreter: the package installs into its dist-packages, not a PATH-first pyenv's.
        String json = Command.run("/usr/bin/python3", script.toString(), exposition.toString()).check().out();
        return new ObjectMapper().readTree(json);
    }

    @Test
    void prometheusClientParsesEveryFamilyAndValueAndTheHostileVersionComesBackIntact() throws IOException {
        AtomicLong downloaded = new AtomicLong(1000);
        Supplier<MetricsSnapshot> source = () -> new MetricsSnapshot("verifying", "B", HOSTILE_VERSION, 1763892930L,
                1763892000L, downloaded.getAndAdd(500), 3, 1, 2, false);
        try (MetricsServer server = MetricsServer.start(ANY_LOOPBACK_PORT, source)) {
            Response response = curl(server, "GET", "/metrics");
            assertEquals(200, response.status());
            assertTrue(response.headers().contains("content-type: text/plain; version=0.0.4; charset=utf-8\r\n"),
                    response.headers());

            JsonNode families = parse(response.body());
            List<String> names = new ArrayList<>();
            families.forEach(f -> names.add(f.get("name").asText() + " " + f.get("type").asText()));
            assertEquals(List.of("slipway_agent_state gauge", "slipway_agent_info gauge",
                    "slipway_agent_last_check_timestamp_seconds gauge",
                    "slipway_agent_last_success_timestamp_seconds gauge",
                    // the parser names counter families without _total, as OpenMetrics does
                    "slipway_agent_bytes_downloaded counter", "slipway_agent_updates_applied counter",
                    "slipway_agent_rollbacks counter", "slipway_agent_verification_failures counter",
                    "slipway_agent_paused gauge"), names, "no family more (none named evil), none less");

            JsonNode states = families.get(0).get("samples");
            assertEquals(MetricsSnapshot.STATES.size(), states.size());
            for (int i = 0; i < states.size(); i++) {
                String state = MetricsSnapshot.STATES.get(i);
                assertEquals(state, states.get(i).get("labels").get("state").asText());
                assertEquals(state.equals("verifying") ? 1.0 : 0.0, states.get(i).get("value").asDouble(), state);
            }
            JsonNode info = families.get(1).get("samples").get(0);
            assertEquals(Map.of("version", HOSTILE_VERSION, "slot", "B"),
                    new ObjectMapper().convertValue(info.get("labels"), Map.class));
            assertEquals(1.0, info.get("value").asDouble());
            assertEquals("The running version and slot; always 1.", families.get(1).get("help").asText());

            assertSample(families.get(2), "slipway_agent_last_check_timestamp_seconds", 1763892930.0);
            assertSample(families.get(3), "slipway_agent_last_success_timestamp_seconds", 1763892000.0);
            assertSample(families.get(4), "slipway_agent_bytes_downloaded_total", 1000.0);
            assertSample(families.get(5), "slipway_agent_updates_applied_total", 3.0);
            assertSample(families.get(6), "slipway_agent_rollbacks_total", 1.0);
            assertSample(families.get(7), "slipway_agent_verification_failures_total", 2.0);
            assertSample(families.get(8), "slipway_agent_paused", 0.0);

            assertSample(parse(curl(server, "GET", "/metrics?x=1").body()).get(4),
                    "slipway_agent_bytes_downloaded_total", 1500.0);
        }
    }

    private static void assertSample(JsonNode family, String name, double value) {
        assertEquals(1, family.get("samples").size(), family.toString());
        JsonNode sample = family.get("samples").get(0);
        assertEquals(name, sample.get("name").asText());
        assertEquals(0, sample.get("labels").size());
        assertEquals(value, sample.get("value").asDouble(), name);
    }

    @Test
    void otherPathsGet404OtherMethods405AndAFailingSource500WithoutStoppingTheServer() throws IOException {
        AtomicLong calls = new AtomicLong();
        Supplier<MetricsSnapshot> source = () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("state not loaded yet");
            }
            return PrometheusTextTest.SNAPSHOT;
        };
        try (MetricsServer server = MetricsServer.start(ANY_LOOPBACK_PORT, source)) {
            assertEquals(404, curl(server, "GET", "/").status());
            assertEquals(404, curl(server, "GET", "/metrics/").status());
            Response post = curl(server, "POST", "/metrics");
            assertEquals(405, post.status());
            assertTrue(post.headers().contains("allow: get\r\n"), post.headers());

            Response failed = curl(server, "GET", "/metrics");
            assertEquals(500, failed.status());
            assertTrue(Files.readString(failed.body()).contains("state not loaded yet"));
            Response next = curl(server, "GET", "/metrics");
            assertEquals(200, next.status());
            assertEquals(PrometheusText.render(PrometheusTextTest.SNAPSHOT), Files.readString(next.body()));
        }
    }

    @Test
    void onlyLoopbackAddressesAreBound() {
        Supplier<MetricsSnapshot> source = () -> PrometheusTextTest.SNAPSHOT;
        for (InetSocketAddress address : List.of(new InetSocketAddress("0.0.0.0", 0),
                new InetSocketAddress("192.0.2.1", 9100), InetSocketAddress.createUnresolved("metrics.invalid", 0))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MetricsServer.start(address, source), address.toString());
            assertTrue(e.getMessage().contains("loopback address only"), e.getMessage());
        }
    }

    @Test
    void aPortInUseIsReportedAndCloseStopsListening() throws IOException {
        Supplier<MetricsSnapshot> source = () -> PrometheusTextTest.SNAPSHOT;
        MetricsServer server = MetricsServer.start(ANY_LOOPBACK_PORT, source);
        int port = server.address().getPort();
        assertTrue(port > 0);
        IOException busy = assertThrows(IOException.class,
                () -> MetricsServer.start(new InetSocketAddress("127.0.0.1", port), source));
        assertTrue(busy.getMessage().contains("choose another port"), busy.getMessage());
        assertEquals(200, curl(server, "GET", "/metrics").status());

        server.close();
        server.close();
        Command.Result refused = Command.run("curl", "-sS", "--max-time", "5", "http://127.0.0.1:" + port + "/metrics");
        assertEquals(7, refused.exitCode(), "curl: could not connect; " + refused.err());
        assertFalse(refused.out().contains("slipway_agent"));
    }
}
