/**
 * The operator's boot health checks ({@code [[health]]} in agent.toml):
 * {@link dev.slipway.agent.health.HealthChecks#run} runs them in parallel, each until it passes or its deadline
 * passes, and returns a {@link dev.slipway.agent.health.HealthResult} per check. slipway-agent-health.service
 * (in this module's resources) runs them before boot-complete.target, so a slot whose checks fail is never
 * blessed and its tries run out (docs/boot.md).
 */
package dev.slipway.agent.health;
