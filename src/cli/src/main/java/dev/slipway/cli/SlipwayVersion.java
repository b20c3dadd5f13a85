package dev.slipway.cli;

import picocli.CommandLine.IVersionProvider;

final class SlipwayVersion implements IVersionProvider {

    static String version() {
        String v = Slipway.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"slipway " + version()};
    }
}
