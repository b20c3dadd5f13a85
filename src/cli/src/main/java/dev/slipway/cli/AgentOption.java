package dev.slipway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --agent DIR}: where a build that includes slipway-agent takes the agent's distribution from. */
final class AgentOption {

    static final String CHECKOUT_DISTRIBUTION = "update-agent/target/slipway-agent";

    @Option(names = "--agent", paramLabel = "DIR",
            description = "slipway-agent's distribution, for a profile with agent.kind = \"slipway-agent\". Default: the"
                + " checkout's " + CHECKOUT_DISTRIBUTION + " (./slipway builds it).")
    Path distribution;

    /** The option's directory, else the checkout's when it exists, else null (a build that needs it says so). */
    Path resolve() {
        if (distribution != null) {
            return distribution.toAbsolutePath();
        }
        String home = System.getenv("SLIPWAY_HOME");
        Path checkout = (home == null ? Path.of("") : Path.of(home)).resolve(CHECKOUT_DISTRIBUTION).toAbsolutePath();
        return Files.isDirectory(checkout) ? checkout : null;
    }
}
