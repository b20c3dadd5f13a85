package dev.slipway.agent.cli;

import picocli.CommandLine.IVersionProvider;

/** The agent's version, from its jar's manifest when there is one. */
public final class AgentVersion implements IVersionProvider {

    static String version() {
        String version = AgentVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"slipway-agent " + version()};
    }
}
