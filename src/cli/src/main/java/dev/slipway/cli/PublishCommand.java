package dev.slipway.cli;

import dev.slipway.repository.PublishRequest;
import dev.slipway.repository.PublishResult;
import dev.slipway.repository.Publisher;
import dev.slipway.trust.cms.SigningKey;
import dev.slipway.trust.pki.Certificates;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {
            "Publishes a signed build into an update repository (static files any web server can serve) and points a"
                + " channel at it: REPO/images/IMAGE/VERSION/ (the manifest and its signature, usr.img's filesystem as"
                + " zstd frames with their index, its verity area, the kernel and initrd) and REPO/channels/NAME.json"
                + " with its signature, version + 1. See docs/updates.md.",
            "The build is verified first (manifest signature against --trust, then usr.img, kernel and initrd against"
                + " the manifest) and nothing is written unless it verifies. A published version never changes:"
                + " publishing the same build again rewrites nothing, another build of the same version is refused."
                + " A channel never moves to a lower security version."})
final class PublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "OUT", description = "The build's output directory (slipway build -o OUT).")
    Path build;

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
        try (SigningKey signingKey = key.open("publish", err)) {
            PublishRequest request = new PublishRequest(name, expiresIn, waves, signingKey, store,
                    trust.options(key.development), trust.rotation, trust.crls);
            PublishResult result = new Publisher(channel.repository, clock, output.progress(err)).publish(build, request);
            if (result.buildSignature().development()) {
                err.println("slipway publish: WARNING: the build is signed with Slipway's DEVELOPMENT image key; nodes"
                        + " refuse it unless their agent allows development keys.");
                err.flush();
            }
            report(result, clock.instant());
        }
        return ExitCode.OK;
    }

    private void report(PublishResult result, Instant now) {
        PrintWriter out = spec.commandLine().getOut();
        ChannelReport channelReport = ChannelReport.of(result.channel(), now);
        if (output.json) {
            Json.print(out, new Report(channel.repository.toString(), result.versionDirectory(),
                    result.versionDirectoryCreated(), result.frames(), result.payloadSize(), result.channelWritten(),
                    channelReport, result.trustFilesWritten(), Certificates.subject(result.buildSignature().signer()),
                    result.buildSignature().development(),
                    result.channelSignature() == null ? null : Certificates.subject(result.channelSignature().signer())));
            return;
        }
        var release = result.channel().release();
        out.printf("%s %s %s to channel %s in %s%n", result.channelWritten() ? "published" : "already published",
                release.image(), release.version(), result.channel().channel(), channel.repository);
        out.printf("  %s: %s%n", result.versionDirectory(), result.versionDirectoryCreated()
                ? "written (" + result.frames() + " frames, " + Sizes.human(result.payloadSize()) + " compressed)"
                : "unchanged (already published, identical to the byte)");
        if (!result.channelWritten()) {
            out.println("  the channel already offers this release; nothing re-signed (`slipway channel refresh`"
                    + " extends its expiry or changes its waves)");
        }
        for (String file : result.trustFilesWritten()) {
            out.println("  " + file + ": written");
        }
        channelReport.print(out, now);
        out.flush();
    }

    /** What {@code --json} prints. */
    record Report(String repository, String versionDirectory, boolean versionDirectoryCreated, int frames,
                  long payloadSize, boolean channelWritten, ChannelReport channel, List<String> trustFilesWritten,
                  String buildSigner, boolean developmentBuild, String channelSigner) {
    }
}
