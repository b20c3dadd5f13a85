package dev.slipway.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads agent.toml's parsed tree into an {@link AgentConfig}, key by key, reporting the first problem. */
final class ConfigReader {

    /** Every top-level key, in the order docs/agent-config.md and the example file give them. */
    static final List<String> KEYS = List.of("repository", "channel", "trust", "allow-development-keys",
            "check-interval", "check-jitter", "reboot", "boot-backend", "state-directory", "esp", "kvp-pool",
            "metrics", "health");
    private static final List<String> REQUIRED = List.of("repository", "channel", "trust");

    private final ConfigFile file;
    private final ObjectNode root;

    private ConfigReader(ConfigFile file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    static AgentConfig read(ConfigFile file, ObjectNode root) throws AgentConfigException {
        return new ConfigReader(file, root).read();
    }

    private AgentConfig read() throws AgentConfigException {
        file.onlyKnownKeys(root, "", KEYS, "agent.toml");
        List<String> missing = REQUIRED.stream().filter(k -> !root.has(k)).toList();
        if (!missing.isEmpty()) {
            throw file.error(missing.getFirst(), "missing required " + (missing.size() == 1 ? "key " : "keys ")
                    + String.join(", ", missing.stream().map(k -> "'" + k + "'").toList())
                    + ": agent.toml must name the update repository, the channel to follow and the trusted roots");
        }
        String repositoryText = string("repository");
        URI repository = file.checked("repository", () -> ConfigRules.repository(repositoryText));
        String channel = string("channel");
        file.checked("channel", () -> {
            ConfigRules.checkChannel(channel);
            return channel;
        });
        Path trust = path("trust", "a PEM file of trusted root certificates");
        AgentConfig.Builder builder = AgentConfig.builder(repository, channel, trust);
        if (root.has("allow-development-keys")) {
            builder.allowDevelopmentKeys(file.bool(root.get("allow-development-keys"), "allow-development-keys"));
        }
        schedule(builder);
        optional("reboot", text -> RebootStrategy.of(text).orElse(null), RebootStrategy.keys())
                .ifPresent(builder::reboot);
        optional("boot-backend", text -> BootBackendKind.of(text).orElse(null), BootBackendKind.keys())
                .ifPresent(builder::bootBackend);
        if (root.has("state-directory")) {
            builder.stateDirectory(path("state-directory", "a directory"));
        }
        if (root.has("esp")) {
            builder.esp(path("esp", "the mounted EFI system partition"));
        }
        if (root.has("kvp-pool")) {
            builder.kvpPool(path("kvp-pool", "a Hyper-V KVP pool file"));
        }
        if (root.has("metrics")) {
            String metrics = string("metrics");
            builder.metrics(file.checked("metrics", () -> ConfigRules.metrics(metrics)));
        }
        if (root.has("health")) {
            builder.health(HealthReader.read(file, root.get("health")));
        }
        try {
            return builder.build();
        } catch (InvalidSettingException e) {
            // Every rule was applied above with its line; this is a rule the reader does not know of yet.
            throw file.error(e.key(), e.problem(e.key()));
        }
    }

    /** check-interval and check-jitter, which are checked together: the jitter must stay below the interval. */
    private void schedule(AgentConfig.Builder builder) throws AgentConfigException {
        Duration interval = root.has("check-interval") ? duration("check-interval") : AgentConfig.DEFAULT_CHECK_INTERVAL;
        Duration jitter = root.has("check-jitter") ? duration("check-jitter") : AgentConfig.DEFAULT_CHECK_JITTER;
        try {
            ConfigRules.checkSchedule(interval, jitter);
        } catch (InvalidSettingException e) {
            boolean jitterDefaulted = e.key().equals("check-jitter") && !root.has("check-jitter");
            String problem = e.problem(e.key());
            if (jitterDefaulted) {
                problem = "check-jitter (default \"" + Durations.format(jitter) + "\") must be less than "
                        + "check-interval (\"" + Durations.format(interval) + "\"): set check-jitter lower";
            }
            throw file.error(jitterDefaulted ? "check-interval" : e.key(), problem);
        }
        builder.checkInterval(interval).checkJitter(jitter);
    }

    private String string(String key) throws AgentConfigException {
        return file.string(root.get(key), key);
    }

    private Path path(String key, String what) throws AgentConfigException {
        String text = string(key);
        return file.checked(key, () -> ConfigRules.absolutePath(key, text, what));
    }

    private Duration duration(String key) throws AgentConfigException {
        String text = string(key);
        return file.checked(key, () -> ConfigRules.duration(key, text));
    }

    /** An enumerated key, if set: one of {@code allowed}. */
    private <T> Optional<T> optional(String key, Function<String, T> parse, List<String> allowed)
            throws AgentConfigException {
        JsonNode node = root.get(key);
        if (node == null) {
            return Optional.empty();
        }
        String text = file.string(node, key);
        T value = parse.apply(text);
        if (value == null) {
            List<String> quoted = new ArrayList<>();
            allowed.forEach(a -> quoted.add("\"" + a + "\""));
            throw file.error(key, new InvalidSettingException(key, text, "one of " + String.join(", ", quoted))
                    .problem(key));
        }
        return Optional.of(value);
    }
}
