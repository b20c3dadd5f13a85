package dev.slipway.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.agent.config.AgentConfig;
import dev.slipway.agent.config.AgentConfigException;
import dev.slipway.agent.fetch.RepositoryClient;
import dev.slipway.agent.install.Rebooter;
import dev.slipway.agent.install.UpdateCycle;
import dev.slipway.agent.kvp.KvpPool;
import dev.slipway.agent.kvp.KvpReporter;
import dev.slipway.agent.state.AgentState;
import dev.slipway.agent.state.Phase;
import dev.slipway.trust.pki.TrustMaterialException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway-agent update}: one update cycle, on this node or on a disk image file. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Runs one update cycle: reconciles the state with the disk, then continues an update in flight or"
                + " checks the channel and stages what it offers into the inactive slot.",
                "With --disk it works on a disk image file (no root needed for a file you own): the reboot is left to"
                        + " whoever boots the image."})
final class UpdateCommand extends AgentSubcommand {

    @Mixin
    Where where;

    @Option(names = "--repo", paramLabel = "URL", description = "the update repository (http, https or file)")
    URI repository;

    @Option(names = "--channel", paramLabel = "NAME", description = "the channel to follow")
    String channel;

    @Option(names = "--trust", paramLabel = "ROOTS.pem", description = "the root certificates to trust")
    Path trust;

    @Option(names = "--allow-development-keys", description = "accept Slipway's published development keys (test"
            + " machines only)")
    boolean allowDevelopmentKeys;

    @Option(names = "--json", description = "print the status as JSON on stdout")
    boolean json;

    @Option(names = "--metrics-textfile", paramLabel = "FILE", description = "write the agent's metrics in Prometheus"
            + " text format to FILE (for node_exporter's textfile collector)")
    Path metricsTextfile;

    @Option(names = "--kvp-pool", paramLabel = "FILE", description = "write the update state into this Hyper-V KVP"
            + " pool file (the guest's is /var/lib/hyperv/.kvp_pool_1)")
    Path kvpPool;

    @Override
    int execute() throws IOException, AgentConfigException, TrustMaterialException {
        URI repo = repository;
        String channelName = channel;
        Path roots = trust;
        boolean development = allowDevelopmentKeys;
        Rebooter rebooter = new Rebooter.Manual();
        if (!where.diskMode()) {
            AgentConfig config = where.config();
            repo = repo != null ? repo : config.repository();
            channelName = channelName != null ? channelName : config.channel();
            roots = roots != null ? roots : config.trust();
            development = development || config.allowDevelopmentKeys();
            rebooter = RunCommand.rebooter(config);
        } else if (repo == null || channelName == null || roots == null) {
            throw new IllegalArgumentException("--disk needs --repo URL, --channel NAME and --trust ROOTS.pem");
        }
        try (NodeSetup setup = where.open("slipway-agent update");
             RepositoryClient client = Cycles.client(repo)) {
            UpdateCycle cycle = Cycles.create(setup, client, channelName, Cycles.trust(roots, development), development,
                    rebooter, AgentSubcommand::log);
            int exit = ExitCodes.OK;
            AgentState state;
            try {
                state = cycle.run();
                exit = state.phase() == Phase.FAILED ? ExitCodes.UPDATE_FAILED : ExitCodes.OK;
            } catch (IOException e) {
                state = setup.store().current();
                exit = ExitCodes.TRY_AGAIN;
            }
            if (metricsTextfile != null) {
                Reports.toTextfile(metricsTextfile, state, setup.node());
            }
            if (kvpPool != null) {
                Reports.toKvp(new KvpReporter(new KvpPool(kvpPool, true)), state, setup.node());
            }
            StatusReport report = new StatusReport(state, setup.node(), setup.selection().read());
            System.out.print(json ? new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(report.toJson()) + "\n" : report.toText());
            return exit;
        }
    }
}
