package dev.slipway.agent.cli;

import picocli.CommandLine;

/**
 * slipway-agent's command line as a process of its own, without Quarkus' start-up: what a test runs in a child
 * JVM when it must kill the agent for real.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentCommand()).execute(args));
    }
}
