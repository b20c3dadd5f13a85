package dev.slipway.cli;

import dev.slipway.verity.VerificationResult;
import dev.slipway.verity.Verity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Recomputes the whole tree of DATA and checks it against ROOT_HASH.",
            "Exit 0 when every block matches; exit 1 naming the first bad block otherwise."})
final class VerityVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    VerityOptions placement;

    @Parameters(index = "0", paramLabel = "DATA")
    Path data;

    @Parameters(index = "1", paramLabel = "HASH")
    Path hash;

    @Parameters(index = "2", paramLabel = "ROOT_HASH", description = "The trusted root hash, in hex.")
    String rootHash;

    @Override
    public Integer call() throws IOException {
        byte[] root = VerityOptions.parseHex("ROOT_HASH", rootHash);
        VerificationResult result = Verity.verify(data, hash, placement.hashOffset, root,
                output.progress(spec.commandLine().getErr()));
        if (output.json) {
            Json.print(spec.commandLine().getOut(), new Result(result.ok(), result.message(),
                    VerityOptions.Parameters.of(result.parameters())));
        } else if (result.ok()) {
            spec.commandLine().getOut().println(result.message());
            spec.commandLine().getOut().flush();
        }
        if (!result.ok()) {
            spec.commandLine().getErr().println("slipway verity verify: " + result.message());
            return ExitCode.CHECK_FAILED;
        }
        return ExitCode.OK;
    }

    record Result(boolean verified, String message, VerityOptions.Parameters parameters) {
    }
}
