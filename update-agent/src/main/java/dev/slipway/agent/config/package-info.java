/**
 * slipway-agent's configuration, {@code /etc/slipway/agent.toml} (docs/agent-config.md):
 * {@link dev.slipway.agent.config.AgentConfigs#load} reads it into an {@link dev.slipway.agent.config.AgentConfig}
 * or throws an {@link dev.slipway.agent.config.AgentConfigException} naming file, line and key.
 *
 * <p>Inside: Jackson parses the values; {@code KeyLines} (over a {@code TomlCursor}) reads the text once more for
 * the line of each key, which Jackson does not keep; {@code ConfigReader} and {@code HealthReader} walk the tree
 * and apply {@code ConfigRules}, the same rules the records apply to configurations built in code.
 */
package dev.slipway.agent.config;
