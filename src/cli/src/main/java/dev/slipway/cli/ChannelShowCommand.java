package dev.slipway.cli;

import dev.slipway.repository.ChannelException;
import dev.slipway.repository.ChannelMetadata;
import dev.slipway.repository.ChannelVerifier;
import dev.slipway.repository.RepositoryLayout;
import dev.slipway.trust.policy.TrustStore;
import dev.slipway.trust.policy.TrustStores;
import dev.slipway.trust.policy.VerifyOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {
            "Shows a channel's metadata: its version, issue and expiry time, release and waves. With --trust (or"
                + " --allow-development-keys) it also checks the signature and freshness as a node would; exit 1 when"
                + " they are refused."})
final class ChannelShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The update repository's root directory.")
    Path repository;

    @Option(names = "--channel", required = true, paramLabel = "NAME", description = "The channel, e.g. stable.")
    String channel;

    @Option(names = "--trust", paramLabel = "ROOTS.pem", description = "Check the signature against these roots.")
    Path trust;

    @Option(names = "--allow-development-keys", description = "Accept (and trust) Slipway's development keys.")
    boolean allowDevelopment;

    @Override
    public Integer call() throws Exception {
        String name;
        try {
            name = RepositoryLayout.checkChannel(channel);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--channel: " + e.getMessage());
        }
        Path json = repository.resolve(RepositoryLayout.channel(name));
        Path p7s = repository.resolve(RepositoryLayout.channelSignature(name));
        if (!Files.isRegularFile(json)) {
            throw new NoSuchFileException(json.toString(), null, "no such channel; `slipway publish` creates it");
        }
        byte[] bytes = Files.readAllBytes(json);
        Instant now = Instant.now();
        ChannelMetadata metadata = ChannelMetadata.parse(bytes);
        String signature = "not checked (give --trust ROOTS.pem or --allow-development-keys)";
        String refusal = null;
        if (trust != null || allowDevelopment) {
            try {
                ChannelVerifier.verify(name, bytes, Files.readAllBytes(p7s), store(), new VerifyOptions(allowDevelopment),
                        now);
                signature = "good, fresh";
            } catch (ChannelException e) {
                refusal = e.reason().name();
                signature = "REFUSED (" + refusal + "): " + e.getMessage();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        ChannelReport report = ChannelReport.of(metadata, now);
        if (output.json) {
            Json.print(out, new Report(report, trust != null || allowDevelopment, refusal, signature));
        } else {
            report.print(out, now);
            out.println("  signature: " + signature);
            out.flush();
        }
        return refusal == null ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private TrustStore store() throws Exception {
        if (trust == null) {
            return TrustStores.development();
        }
        TrustStore roots = TrustStores.load(trust, List.of(), List.of());
        return allowDevelopment ? roots.plus(TrustStores.development()) : roots;
    }

    /** What {@code --json} prints; {@code refusal} is the refusal's reason, null when good or not checked. */
    record Report(ChannelReport channel, boolean signatureChecked, String refusal, String signature) {
    }
}
