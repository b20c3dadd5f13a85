package dev.slipway.cli;

import dev.slipway.profile.Profiles;
import dev.slipway.profile.ResolvedProfile;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = {
            "Prints PROFILE fully resolved: the profiles it extends merged in, every default written out, no"
                + " extends. This is exactly what a build of PROFILE uses.",
            "With --write it goes to NAME.resolved.toml beside PROFILE (the checked-in form a reviewer reads);"
                + " --check exits 1 when that file is missing or stale."})
final class ProfileResolveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROFILE", description = "Profile file to resolve.")
    Path profile;

    @ArgGroup(exclusive = true)
    Mode mode;

    static final class Mode {
        @Option(names = "--write", description = "Write NAME.resolved.toml beside PROFILE instead of printing.")
        boolean write;

        @Option(names = "--check", description = "Compare with NAME.resolved.toml beside PROFILE; exit 1 if it differs.")
        boolean check;
    }

    @Override
    public Integer call() throws Exception {
        ResolvedProfile resolved = Profiles.resolve(profile);
        String text = resolved.resolvedToml();
        PrintWriter out = spec.commandLine().getOut();
        if (mode == null) {
            out.print(text);
            out.flush();
            return ExitCode.OK;
        }
        Path target = Profiles.resolvedFileFor(profile);
        if (mode.write) {
            Files.writeString(target, text, StandardCharsets.UTF_8);
            out.println("wrote " + target);
            out.flush();
            return ExitCode.OK;
        }
        if (Files.exists(target) && Files.readString(target, StandardCharsets.UTF_8).equals(text)) {
            out.println(target + " is current");
            out.flush();
            return ExitCode.OK;
        }
        spec.commandLine().getErr().println("slipway profile resolve: " + target
                + (Files.exists(target) ? " is stale" : " is missing") + "; run: slipway profile resolve --write " + profile);
        return ExitCode.CHECK_FAILED;
    }
}
