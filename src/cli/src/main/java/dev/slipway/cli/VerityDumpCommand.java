package dev.slipway.cli;

import dev.slipway.verity.VeritySuperblock;
import dev.slipway.verity.VerityParameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Shows the verity superblock at the hash offset of HASH, as veritysetup dump does.")
final class VerityDumpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    VerityOptions placement;

    @Parameters(index = "0", paramLabel = "HASH")
    Path hash;

    @Override
    public Integer call() throws IOException {
        VerityParameters parameters = VeritySuperblock.read(hash, placement.hashOffset).toParameters();
        var out = spec.commandLine().getOut();
        if (output.json) {
            Json.print(out, VerityOptions.Parameters.of(parameters));
        } else {
            VerityOptions.printHeader(out, hash.toString(), parameters);
            out.flush();
        }
        return ExitCode.OK;
    }
}
