package dev.slipway.agent.testing;

import dev.slipway.agent.cli.AgentCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs slipway-agent's command line in this JVM and keeps what it printed. */
public record AgentRun(int exit, String out, String err) {

    public static synchronized AgentRun of(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new AgentCommand()).execute(args);
            return new AgentRun(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** {@code update --disk} with the development trust a test repository needs. */
    public static AgentRun update(Path disk, String booted, String repository, Path state, String... more) {
        List<String> args = new ArrayList<>(List.of("update", "--disk", disk.toString(), "--booted", booted, "--repo",
                repository, "--channel", TestRepository.CHANNEL, "--trust", TestRepository.developmentRoot().toString(),
                "--state", state.toString(), "--allow-development-keys", "--json"));
        args.addAll(List.of(more));
        return of(args.toArray(String[]::new));
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
