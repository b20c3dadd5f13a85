package dev.slipway.agent.cli;

import dev.slipway.agent.config.AgentConfig;
import dev.slipway.agent.config.AgentConfigException;
import dev.slipway.agent.health.HealthChecks;
import dev.slipway.agent.health.HealthResult;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code slipway-agent check-health}: the operator's extra checks, run by slipway-agent-health.service. */
@Command(name = "check-health", mixinStandardHelpOptions = true,
        description = {"Runs the [[health]] checks of agent.toml in parallel, each until it passes or its deadline.",
                "slipway-agent-health.service runs it before boot-complete.target: a failure reboots the node, and a"
                        + " new slot whose checks keep failing runs out of tries and is rolled back."})
final class CheckHealthCommand extends AgentSubcommand {

    @Mixin
    Where where;

    @Override
    int execute() throws IOException, AgentConfigException {
        AgentConfig config = where.config();
        List<HealthResult> results;
        try {
            results = HealthChecks.run(config.health());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log("interrupted while the health checks ran");
            return ExitCodes.UNHEALTHY;
        }
        results.forEach(result -> log(result.summary()));
        if (results.isEmpty()) {
            log("no [[health]] checks in " + where.config + "; the boot's own checks decide");
        }
        return HealthChecks.allPassed(results) ? ExitCodes.OK : ExitCodes.UNHEALTHY;
    }
}
