package dev.slipway.agent.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's configuration, {@code /etc/slipway/agent.toml} (see docs/agent-config.md): where updates come from
 * and who may sign them, how often to look, how to reboot, which boot selection and paths the node has, and the
 * operator's health checks. {@link AgentConfigs#load} reads it from a file; {@link #defaults} and
 * {@link #builder} make one in code (tests, disk-image mode). Every instance follows the rules the file does.
 *
 * @param repository           the update repository: an http, https or file URI
 * @param channel              the channel followed in it
 * @param trust                PEM file of the trusted root certificates
 * @param allowDevelopmentKeys whether manifests signed with Slipway's public development keys are accepted
 * @param checkInterval        time between checks for an update, at least one minute
 * @param checkJitter          random delay added to each interval, less than the interval
 * @param reboot               how the node restarts into a staged slot
 * @param bootBackend          the boot selection the node uses
 * @param stateDirectory       where the agent keeps its state files and its instance lock
 * @param esp                  where the EFI system partition is mounted
 * @param kvpPool              the Hyper-V KVP pool file the agent reports its state to
 * @param metrics              where the metrics endpoint listens (a loopback address), or empty when off
 * @param health               the operator's health checks, names unique
 */
public record AgentConfig(URI repository, String channel, Path trust, boolean allowDevelopmentKeys,
                          Duration checkInterval, Duration checkJitter, RebootStrategy reboot,
                          BootBackendKind bootBackend, Path stateDirectory, Path esp, Path kvpPool,
                          Optional<InetSocketAddress> metrics, List<HealthCheckConfig> health) {

    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofHours(1);
    public static final Duration DEFAULT_CHECK_JITTER = Duration.ofMinutes(10);
    public static final RebootStrategy DEFAULT_REBOOT = RebootStrategy.KURED;
    public static final BootBackendKind DEFAULT_BOOT_BACKEND = BootBackendKind.SYSTEMD_BOOT;
    public static final Path DEFAULT_STATE_DIRECTORY = Path.of("/var/lib/slipway");
    public static final Path DEFAULT_ESP = Path.of("/efi");
    public static final Path DEFAULT_KVP_POOL = Path.of("/var/lib/hyperv/.kvp_pool_1");
    public static final InetSocketAddress DEFAULT_METRICS =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 9477);

    /** @throws InvalidSettingException naming the key whose value breaks a rule */
    public AgentConfig {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(reboot, "reboot");
        Objects.requireNonNull(bootBackend, "bootBackend");
        ConfigRules.checkRepository(repository);
        ConfigRules.checkChannel(channel);
        ConfigRules.checkAbsolute("trust", trust, "a PEM file of trusted root certificates");
        ConfigRules.checkSchedule(checkInterval, checkJitter);
        ConfigRules.checkAbsolute("state-directory", stateDirectory, "a directory");
        ConfigRules.checkAbsolute("esp", esp, "the mounted EFI system partition");
        ConfigRules.checkAbsolute("kvp-pool", kvpPool, "a Hyper-V KVP pool file");
        ConfigRules.checkMetrics(metrics);
        health = List.copyOf(health);
        Set<String> names = new HashSet<>();
        for (HealthCheckConfig check : health) {
            if (!names.add(check.name())) {
                throw new InvalidSettingException("name", check.name(), "unique among the health checks");
            }
        }
    }

    /** A configuration with every optional key at its default. */
    public static AgentConfig defaults(URI repository, String channel, Path trust) {
        return builder(repository, channel, trust).build();
    }

    /** A builder starting from the defaults, for the three keys agent.toml requires. */
    public static Builder builder(URI repository, String channel, Path trust) {
        return new Builder(repository, channel, trust);
    }

    /** A builder holding this configuration, to change a few keys of it. */
    public Builder toBuilder() {
        return new Builder(repository, channel, trust).allowDevelopmentKeys(allowDevelopmentKeys)
                .checkInterval(checkInterval).checkJitter(checkJitter).reboot(reboot).bootBackend(bootBackend)
                .stateDirectory(stateDirectory).esp(esp).kvpPool(kvpPool).metrics(metrics).health(health);
    }

    /** Collects keys; {@link #build} checks them all, as a file's loader does. */
    public static final class Builder {
        private URI repository;
        private String channel;
        private Path trust;
        private boolean allowDevelopmentKeys;
        private Duration checkInterval = DEFAULT_CHECK_INTERVAL;
        private Duration checkJitter = DEFAULT_CHECK_JITTER;
        private RebootStrategy reboot = DEFAULT_REBOOT;
        private BootBackendKind bootBackend = DEFAULT_BOOT_BACKEND;
        private Path stateDirectory = DEFAULT_STATE_DIRECTORY;
        private Path esp = DEFAULT_ESP;
        private Path kvpPool = DEFAULT_KVP_POOL;
        private Optional<InetSocketAddress> metrics = Optional.of(DEFAULT_METRICS);
        private List<HealthCheckConfig> health = List.of();

        private Builder(URI repository, String channel, Path trust) {
            this.repository = repository;
            this.channel = channel;
            this.trust = trust;
        }

        public Builder repository(URI value) {
            repository = value;
            return this;
        }

        public Builder channel(String value) {
            channel = value;
            return this;
        }

        public Builder trust(Path value) {
            trust = value;
            return this;
        }

        public Builder allowDevelopmentKeys(boolean value) {
            allowDevelopmentKeys = value;
            return this;
        }

        public Builder checkInterval(Duration value) {
            checkInterval = value;
            return this;
        }

        public Builder checkJitter(Duration value) {
            checkJitter = value;
            return this;
        }

        public Builder reboot(RebootStrategy value) {
            reboot = value;
            return this;
        }

        public Builder bootBackend(BootBackendKind value) {
            bootBackend = value;
            return this;
        }

        public Builder stateDirectory(Path value) {
            stateDirectory = value;
            return this;
        }

        public Builder esp(Path value) {
            esp = value;
            return this;
        }

        public Builder kvpPool(Path value) {
            kvpPool = value;
            return this;
        }

        /** The metrics endpoint's address, or empty for "off". */
        public Builder metrics(Optional<InetSocketAddress> value) {
            metrics = value;
            return this;
        }

        public Builder health(List<HealthCheckConfig> value) {
            health = value;
            return this;
        }

        /** @throws InvalidSettingException naming the first key whose value breaks a rule */
        public AgentConfig build() {
            return new AgentConfig(repository, channel, trust, allowDevelopmentKeys, checkInterval, checkJitter,
                    reboot, bootBackend, stateDirectory, esp, kvpPool, metrics, health);
        }
    }
}
