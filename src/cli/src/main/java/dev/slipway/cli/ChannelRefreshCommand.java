package dev.slipway.cli;

import dev.slipway.repository.PublishRequest;
import dev.slipway.repository.PublishResult;
import dev.slipway.repository.Publisher;
import dev.slipway.trust.cms.SigningKey;
import dev.slipway.trust.pki.Certificates;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = {
            "Re-signs a channel's metadata as version + 1 with a new issue and expiry time: the same release, and the"
                + " same waves unless --wave gives new ones. Run it (from a timer or CI) well before the metadata"
                + " expires: nodes refuse expired metadata, so that a repository nobody vouches for is noticed.",
            "The release's manifest must still be in the repository, unchanged."})
final class ChannelRefreshCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ChannelOptions channel;

    @Mixin
    ChannelKeyOptions key;

    @Mixin
    RepositoryTrustOptions trust;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Clock clock = Clock.systemUTC();
        key.check();
        String name = channel.channel();
        var waves = channel.waves(clock.instant());
        var expiresIn = channel.expiresIn();
        var store = trust.store(key.development);
        try (SigningKey signingKey = key.open("channel refresh", err)) {
            PublishRequest request = new PublishRequest(name, expiresIn, waves, signingKey, store,
                    trust.options(key.development), trust.rotation, trust.crls);
            PublishResult result = new Publisher(channel.repository, clock, output.progress(err)).refresh(request);
            Instant now = clock.instant();
            ChannelReport report = ChannelReport.of(result.channel(), now);
            PrintWriter out = spec.commandLine().getOut();
            if (output.json) {
                Json.print(out, new Report(channel.repository.toString(), report, result.trustFilesWritten(),
                        Certificates.subject(result.channelSignature().signer())));
                return ExitCode.OK;
            }
            out.printf("refreshed channel %s in %s%n", name, channel.repository);
            for (String file : result.trustFilesWritten()) {
                out.println("  " + file + ": written");
            }
            report.print(out, now);
            out.flush();
        }
        return ExitCode.OK;
    }

    /** What {@code --json} prints. */
    record Report(String repository, ChannelReport channel, List<String> trustFilesWritten, String channelSigner) {
    }
}
