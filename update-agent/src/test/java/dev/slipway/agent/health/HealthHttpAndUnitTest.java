package dev.slipway.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.agent.config.HealthCheckConfig.HttpCheck;
import dev.slipway.agent.config.HealthCheckConfig.UnitCheck;
import dev.slipway.agent.health.HealthResult.Outcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http checks against the JDK's HttpServer on 127.0.0.1, unit checks against a fake systemctl. */
class HealthHttpAndUnitTest {

    @TempDir
    Path dir;

    /** A server whose first {@code failures} answers are 503 and the rest 200. */
    static HttpServer server(int failures, AtomicInteger requests) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/healthz", exchange -> {
            int status = requests.incrementAndGet() <= failures ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/healthz");
    }

    @Test
    void httpAnswering503Then200Passes() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = server(2, requests);
        try {
            HealthResult result = HealthChecks.run(List.of(new HttpCheck("api", url(server), Duration.ofSeconds(10))),
                    HealthChecksTest.FAST).getFirst();
            assertEquals(Outcome.PASSED, result.outcome(), result.summary());
            assertEquals(3, result.attempts());
            assertEquals(3, requests.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpAlways503FailsWithTheStatus() throws Exception {
        HttpServer server = server(Integer.MAX_VALUE, new AtomicInteger());
        try {
            HealthResult result = HealthChecks.run(List.of(new HttpCheck("api", url(server), Duration.ofSeconds(1))),
                    HealthChecksTest.FAST).getFirst();
            assertEquals(Outcome.FAILED, result.outcome());
            assertEquals("GET " + url(server) + " answered HTTP 503", result.reason());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpWithNothingListeningFails() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/healthz");
        HealthResult result = HealthChecks.run(List.of(new HttpCheck("api", url, Duration.ofSeconds(1))),
                HealthChecksTest.FAST).getFirst();
        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("GET " + url + ": connection refused (nothing listens there yet)", result.reason());
    }

    /** A server that accepts but never answers: the request is cut short at the check's deadline. */
    @Test
    void httpWithoutAnAnswerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/healthz");
            HealthResult result = HealthChecks.run(List.of(new HttpCheck("api", url, Duration.ofSeconds(2))),
                    HealthChecksTest.FAST).getFirst();
            assertEquals(Outcome.TIMED_OUT, result.outcome());
            assertEquals("GET " + url + " had no answer within the deadline", result.reason());
        }
    }

    /** A fake systemctl: logs its arguments; the unit is active from its third question on. */
    Path fakeSystemctl() throws Exception {
        Path script = dir.resolve("systemctl");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" >> " + dir.resolve("calls") + "\n"
                + "n=$(wc -l < " + dir.resolve("calls") + ")\n"
                + "[ \"$n\" -ge 3 ] && exit 0\necho activating\nexit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void unitBecomingActivePasses() throws Exception {
        HealthCheckOptions options = HealthChecksTest.FAST.withSystemctl(fakeSystemctl());
        HealthResult result = HealthChecks.run(List.of(new UnitCheck("kubelet", "kubelet.service",
                Duration.ofSeconds(10))), options).getFirst();
        assertEquals(Outcome.PASSED, result.outcome(), result.summary());
        assertEquals(3, result.attempts());
        assertEquals(List.of("is-active --quiet -- kubelet.service", "is-active --quiet -- kubelet.service",
                "is-active --quiet -- kubelet.service"), Files.readAllLines(dir.resolve("calls")));
    }

    @Test
    void unitNeverActiveFailsWithWhatSystemctlSaid() throws Exception {
        Path script = dir.resolve("systemctl");
        Files.writeString(script, "#!/bin/sh\necho failed\nexit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        HealthResult result = HealthChecks.run(List.of(new UnitCheck("kubelet", "kubelet.service",
                Duration.ofSeconds(1))), HealthChecksTest.FAST.withSystemctl(script)).getFirst();
        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("kubelet.service is not active (systemctl is-active exit 3): failed", result.reason());
    }

    /** Polled every 2 s by default: a unit active from the third question passes after about 4 s. */
    @Test
    void unitPolledEveryTwoSecondsByDefault() throws Exception {
        long started = System.nanoTime();
        HealthResult result = HealthChecks.run(List.of(new UnitCheck("kubelet", "kubelet.service",
                Duration.ofSeconds(20))), HealthCheckOptions.defaults().withSystemctl(fakeSystemctl())).getFirst();
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(Outcome.PASSED, result.outcome());
        assertTrue(elapsedMillis >= 4000 && elapsedMillis < 30_000, elapsedMillis + " ms");
    }
}
