package dev.slipway.cli;

import dev.slipway.build.BuildRecord;
import dev.slipway.build.BuildRequest;
import dev.slipway.build.BuildResult;
import dev.slipway.build.ImageBuild;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {
            "Builds an image from a profile: resolves it with the profiles it extends, composes the root tree"
                + " (Debian packages, an OCI image, a tarball or a directory), normalises it, writes its /usr as"
                + " EROFS with the dm-verity hash tree appended, and prints the root hash.",
            "Writes OUT/usr.img and OUT/build.json (what was used and made). Same inputs, same bytes: the epoch"
                + " and every identifier come from the profile and the tree, never from the clock."})
final class BuildCommand implements Callable<Integer> {

    static final String DEFAULT_PROFILE = "image-profiles/aks-node.toml";

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    AgentOption agent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROFILE",
            description = "Profile to build. Default: " + DEFAULT_PROFILE + " of the Slipway checkout.")
    Path profile;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Output directory. Default: out/NAME, NAME being the profile's image name.")
    Path outputDirectory;

    @Option(names = "--image-version", paramLabel = "VERSION",
            description = "Replaces the profile's image.version (how CI stamps its builds).")
    String imageVersion;

    @Option(names = "--epoch", paramLabel = "SECONDS",
            description = "Build epoch. Default: SOURCE_DATE_EPOCH, else the profile's image.epoch.")
    Long epoch;

    @Option(names = "--locked", paramLabel = "LOCK",
            description = "Use exactly the inputs of LOCK (OUT/lock of an earlier build): the .deb files come from the"
                + " cache (fetched by digest if missing) and the build stops if any input differs.")
    Path lock;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where installed .deb files are kept by digest. Default: $SLIPWAY_CACHE, else"
                + " ~/.cache/slipway.")
    Path cache;

    @Option(names = "--keep-rootfs",
            description = "Keep a Debian composition's tarball as OUT/rootfs.tar (before normalisation), to inspect it.")
    boolean keepRootfs;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path profileFile = profile != null ? profile : defaultProfile();
        BuildRequest request = new BuildRequest(profileFile, outputDirectory, imageVersion, Epochs.explicit(epoch),
                keepRootfs, lock, cache, agent.resolve());
        BuildResult result = ImageBuild.run(request, BuildProgress.listener(err, output));
        report(result);
        return ExitCode.OK;
    }

    /** The checkout's default profile: the launcher says where the checkout is. */
    private static Path defaultProfile() {
        String home = System.getenv("SLIPWAY_HOME");
        Path base = home == null ? Path.of("") : Path.of(home);
        Path file = base.resolve(DEFAULT_PROFILE);
        if (!Files.exists(file)) {
            throw new InvalidInputException("no PROFILE given and " + file + " does not exist; name a profile,"
                    + " e.g. slipway build image-profiles/aks-node.toml");
        }
        return file;
    }

    private void report(BuildResult result) {
        PrintWriter out = spec.commandLine().getOut();
        BuildRecord record = result.record();
        BuildRecord.Usr usr = record.usr();
        if (output.json) {
            Map<String, Long> millis = new LinkedHashMap<>();
            result.durations().forEach((step, took) -> millis.put(step.label(), took.toMillis()));
            Json.print(out, new Result(result.usrImage().toString(),
                    result.diskFiles().stream().map(Path::toString).toList(), result.buildRecordFile().toString(), record,
                    millis));
            return;
        }
        out.printf("%s %s: %s (EROFS %s + dm-verity), %d packages%n", record.image().name(), record.image().version(),
                result.usrImage(), Sizes.human(usr.dataSize()), record.packages().size());
        out.printf("root hash %s%n", usr.rootHash());
        out.printf("hash offset %d, salt %s, build record %s%n", usr.hashOffset(), usr.salt(), result.buildRecordFile());
        if (record.disk() != null) {
            out.printf("disk %s (%s): %s%n", record.disk().guid(), Sizes.human(record.disk().size()),
                    String.join(", ", result.diskFiles().stream().map(Path::toString).toList()));
        }
        out.flush();
    }

    /** What {@code --json} prints: the paths written, build.json's content and each step's time. */
    record Result(String usrImage, List<String> diskFiles, String buildRecord, BuildRecord record,
                  Map<String, Long> stepMillis) {
    }
}
