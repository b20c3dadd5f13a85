package dev.slipway.cli;

import dev.slipway.build.BuildRecords;
import dev.slipway.build.Directories;
import dev.slipway.build.RebuildCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rebuild-check", mixinStandardHelpOptions = true,
        description = {
            "Rebuilds OUT from the inputs it recorded (OUT/lock, its epoch and version; packages from the cache,"
                + " fetched by digest if missing) into a fresh directory and compares every file its manifest names,"
                + " then the manifest and its signature.",
            "Exit 0 when the rebuild is identical; 1 naming the first differing file and byte."})
final class RebuildCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    AgentOption agent;

    @Parameters(index = "0", paramLabel = "OUT", description = "A build's output directory.")
    Path out;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "The profile OUT was built from. Default: the checkout's image-profiles/ file of the name"
                + " build.json records.")
    Path profile;

    @Option(names = "--into", paramLabel = "DIR",
            description = "Rebuild into DIR (kept). Default: a temporary directory beside OUT, removed afterwards.")
    Path into;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "The package cache. Default: $SLIPWAY_CACHE, else ~/.cache/slipway.")
    Path cache;

    @Override
    public Integer call() throws Exception {
        Path profileFile = profile != null ? profile : recordedProfile();
        Path rebuild = into != null ? into : Files.createTempDirectory(out.toAbsolutePath().getParent(),
                ".rebuild-check-");
        RebuildCheck.Result result;
        try {
            result = RebuildCheck.run(out.toAbsolutePath(), profileFile, rebuild.toAbsolutePath(), cache, agent.resolve(),
                    BuildProgress.listener(spec.commandLine().getErr(), output));
        } finally {
            if (into == null) {
                Directories.deleteRecursively(rebuild);
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (output.json) {
            Json.print(stdout, new JsonResult(result.identical(), result.file(), result.offset(), result.detail(),
                    result.compared()));
        } else if (result.identical()) {
            stdout.println("identical: the rebuild reproduced all " + result.compared().size() + " files byte for byte");
        } else {
            stdout.println("DIFFERENT: " + result.file() + ": " + result.detail());
        }
        stdout.flush();
        return result.identical() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private Path recordedProfile() throws IOException {
        String file = BuildRecords.read(out.resolve(BuildRecords.FILE_NAME)).profile().file();
        String home = System.getenv("SLIPWAY_HOME");
        Path candidate = (home == null ? Path.of("") : Path.of(home)).resolve("image-profiles").resolve(file);
        if (!Files.isRegularFile(candidate)) {
            throw new InvalidInputException(out + " was built from a profile named " + file + ", which is not among"
                    + " the checkout's image-profiles; pass it with --profile");
        }
        return candidate;
    }

    /** What {@code --json} prints. */
    record JsonResult(boolean identical, String file, long offset, String detail, java.util.List<String> compared) {
    }
}
