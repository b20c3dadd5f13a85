package dev.slipway.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.agent.config.HealthCheckConfig.CommandCheck;
import dev.slipway.agent.config.HealthCheckConfig.HttpCheck;
import dev.slipway.agent.config.HealthCheckConfig.UnitCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that load, and the configuration each gives. */
class AgentConfigLoadTest {

    static final String REQUIRED = """
            repository = "https://updates.example.com/slipway"
            channel = "stable"
            trust = "/etc/slipway/trust.pem"
            """;

    @TempDir
    Path dir;

    AgentConfig load(String text) throws Exception {
        return AgentConfigs.load(Files.writeString(dir.resolve("agent.toml"), text));
    }

    @Test
    void onlyTheRequiredKeysGiveTheDefaults() throws Exception {
        AgentConfig config = load(REQUIRED);
        AgentConfig expected = AgentConfig.defaults(URI.create("https://updates.example.com/slipway"), "stable",
                Path.of("/etc/slipway/trust.pem"));
        assertEquals(expected, config);
        assertEquals(Duration.ofHours(1), config.checkInterval());
        assertEquals(Duration.ofMinutes(10), config.checkJitter());
        assertEquals(RebootStrategy.KURED, config.reboot());
        assertEquals(BootBackendKind.SYSTEMD_BOOT, config.bootBackend());
        assertEquals(Path.of("/var/lib/slipway"), config.stateDirectory());
        assertEquals(Path.of("/efi"), config.esp());
        assertEquals(Path.of("/var/lib/hyperv/.kvp_pool_1"), config.kvpPool());
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 9477)), config.metrics());
        assertEquals(false, config.allowDevelopmentKeys());
        assertEquals(List.of(), config.health());
    }

    @Test
    void everyKeySet() throws Exception {
        AgentConfig config = load("""
                # a node in the lab
                repository = "file:///srv/slipway"
                channel = "beta-2.x"
                trust = "/etc/slipway/roots.pem"
                allow-development-keys = true
                check-interval = "90s"
                check-jitter = "30s"
                reboot = "manual"
                boot-backend = "gptprio"
                state-directory = "/run/slipway"
                esp = "/boot/efi"
                kvp-pool = "/tmp/kvp"
                metrics = "[::1]:9100"

                [[health]]
                name = "kubelet"
                kind = "http"
                url = "http://127.0.0.1:10248/healthz"

                [[health]]
                name = "containerd"
                kind = "unit"
                unit = "containerd.service"
                deadline = "2m"

                [[health]]
                name = "crictl"
                kind = "command"
                command = [
                  "/usr/bin/crictl",   # the CRI client
                  "info",
                ]
                deadline = "30s"
                """);
        AgentConfig expected = AgentConfig.builder(URI.create("file:///srv/slipway"), "beta-2.x",
                        Path.of("/etc/slipway/roots.pem"))
                .allowDevelopmentKeys(true).checkInterval(Duration.ofSeconds(90)).checkJitter(Duration.ofSeconds(30))
                .reboot(RebootStrategy.MANUAL).bootBackend(BootBackendKind.GPTPRIO)
                .stateDirectory(Path.of("/run/slipway")).esp(Path.of("/boot/efi")).kvpPool(Path.of("/tmp/kvp"))
                .metrics(Optional.of(new InetSocketAddress(InetAddress.getByName("::1"), 9100)))
                .health(List.of(
                        new HttpCheck("kubelet", URI.create("http://127.0.0.1:10248/healthz"), Duration.ofMinutes(5)),
                        new UnitCheck("containerd", "containerd.service", Duration.ofMinutes(2)),
                        new CommandCheck("crictl", List.of("/usr/bin/crictl", "info"), Duration.ofSeconds(30))))
                .build();
        assertEquals(expected, config);
        assertEquals(List.of("http", "unit", "command"), config.health().stream().map(HealthCheckConfig::kind).toList());
    }

    @Test
    void metricsOff() throws Exception {
        assertEquals(Optional.empty(), load(REQUIRED + "metrics = \"off\"\n").metrics());
    }

    @Test
    void healthAsAnArrayOfInlineTables() throws Exception {
        AgentConfig config = load(REQUIRED + """
                health = [
                  { name = "api", kind = "http", url = "http://localhost:8080/ready", deadline = "1m" },
                  { name = "ctr", kind = "command", command = ["/usr/bin/ctr", "version"] },
                ]
                """);
        assertEquals(List.of(new HttpCheck("api", URI.create("http://localhost:8080/ready"), Duration.ofMinutes(1)),
                new CommandCheck("ctr", List.of("/usr/bin/ctr", "version"), Duration.ofMinutes(5))), config.health());
    }

    @Test
    void toBuilderKeepsEverything() throws Exception {
        AgentConfig config = load(REQUIRED + "reboot = \"immediate\"\n[[health]]\nname = \"a\"\nkind = \"unit\"\n"
                + "unit = \"a.service\"\n");
        assertEquals(config, config.toBuilder().build());
        assertEquals(Path.of("/tmp/state"), config.toBuilder().stateDirectory(Path.of("/tmp/state")).build()
                .stateDirectory());
    }
}
