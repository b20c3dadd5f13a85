package dev.slipway.build;

import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.TreeDigest;
import dev.slipway.tree.TreeEdits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * slipway-agent as a node image carries it, staged as a directory laid out like the image: the agent's
 * distribution ({@code update-agent/target/slipway-agent}: the Quarkus application, its JVM and jlink options,
 * the node's launcher, the units and the default agent.toml), a Java runtime that jlink makes from the build's
 * own JDK with the modules the distribution names, and the roots the profile trusts for updates.
 *
 * <p>The units are enabled the way a package would enable them, by links under /usr: the agent starts with
 * multi-user.target, and its health checks (when agent.toml has any) are required by boot-complete.target.
 */
final class AgentBundle {

    static final String HOME = "usr/lib/slipway-agent";
    static final String UNITS = "usr/lib/systemd/system";
    static final String SERVICE = "slipway-agent.service";
    static final String HEALTH_SERVICE = "slipway-agent-health.service";
    /** What a distribution must hold; the build names what is missing. */
    private static final List<String> DISTRIBUTION = List.of("app/quarkus-run.jar", "app/quarkus-app-dependencies.txt",
            "jlink.options", "jvm.options", "slipway-agent", "agent.toml", "systemd/" + SERVICE,
            "systemd/" + HEALTH_SERVICE);

    /** The staged tree (root of the image's paths) and what build.json, the SBOM and the manifest say of it. */
    record Staged(Path root, BuildRecord.Agent record) {
    }

    private AgentBundle() {
    }

    /**
     * Stages the agent under {@code work/agent}.
     *
     * @param distribution the agent's distribution directory, or null when the caller found none
     * @param trust        the profile's {@code agent.trust} roots (PEM)
     */
    static Staged stage(Path distribution, Path trust, Path jdk, Path work, BuildListener listener)
            throws IOException, BuildException {
        check(distribution, trust, jdk);
        Path jlink = jdk.resolve("bin/jlink");
        Path root = Files.createDirectories(work.resolve("agent"));
        Path home = Files.createDirectories(root.resolve(HOME));
        Path runtime = home.resolve("runtime");
        ExternalProcess.run(List.of(jlink.toString(), "@" + distribution.resolve("jlink.options"), "--output",
                runtime.toString()), Map.of(), work.resolve("jlink.log"), listener);
        copyTree(distribution.resolve("app"), home.resolve("app"));
        Files.copy(distribution.resolve("jvm.options"), home.resolve("jvm.options"));
        Files.copy(distribution.resolve("slipway-agent"), Files.createDirectories(root.resolve("usr/bin"))
                .resolve("slipway-agent"));
        root.resolve("usr/bin/slipway-agent").toFile().setExecutable(true, false);
        Path units = Files.createDirectories(root.resolve(UNITS));
        for (String unit : List.of(SERVICE, HEALTH_SERVICE)) {
            Files.copy(distribution.resolve("systemd").resolve(unit), units.resolve(unit));
        }
        Files.createSymbolicLink(Files.createDirectories(units.resolve("multi-user.target.wants")).resolve(SERVICE),
                Path.of("..", SERVICE));
        Files.createSymbolicLink(Files.createDirectories(units.resolve("boot-complete.target.requires"))
                .resolve(HEALTH_SERVICE), Path.of("..", HEALTH_SERVICE));
        Path etc = Files.createDirectories(root.resolve("etc/slipway"));
        Files.copy(distribution.resolve("agent.toml"), etc.resolve("agent.toml"));
        Files.copy(trust, etc.resolve("trust.pem"));
        String version = appVersion(home.resolve("app"));
        return new Staged(root, new BuildRecord.Agent(version, null, runtime(runtime),
                libraries(home.resolve("app"), version)));
    }

    /**
     * The record with the digests of the application and the runtime as the image holds them (owners, modes
     * and times made canonical), SHA-256 over each tree's canonical listing as {@link TreeDigest} makes it.
     */
    static BuildRecord.Agent withDigests(BuildRecord.Agent record, FileTree image) {
        return new BuildRecord.Agent(record.version(), digest(image, HOME + "/app"), new BuildRecord.AgentRuntime(
                record.runtime().implementor(), record.runtime().version(), record.runtime().modules(),
                record.runtime().size(), digest(image, HOME + "/runtime")), record.libraries());
    }

    private static String digest(FileTree image, String path) {
        Directory directory = (Directory) TreeEdits.lookup(image, path).orElseThrow();
        return HexFormat.of().formatHex(TreeDigest.of(new FileTree(directory)));
    }

    /** What staging needs, checked before a build starts its long work. */
    static void check(Path distribution, Path trust, Path jdk) throws IOException, BuildException {
        checkDistribution(distribution);
        if (!Files.isRegularFile(trust) || !Files.readString(trust, StandardCharsets.US_ASCII)
                .contains("-----BEGIN CERTIFICATE-----")) {
            throw new BuildException("agent.trust: " + trust + " is not a PEM file of root certificates");
        }
        if (!Files.isExecutable(jdk.resolve("bin/jlink"))) {
            throw new BuildException("the profile includes slipway-agent, whose Java runtime is made with jlink, but "
                    + jdk + " has no bin/jlink: run Slipway on a full JDK 21 or newer");
        }
    }

    private static void checkDistribution(Path distribution) throws BuildException {
        if (distribution == null) {
            throw new BuildException("the profile includes slipway-agent, but no agent distribution was found: build"
                    + " it with `mvn -B package -pl update-agent -am` (./slipway does this itself) or pass --agent DIR");
        }
        List<String> missing = DISTRIBUTION.stream().filter(name -> !Files.exists(distribution.resolve(name))).toList();
        if (!missing.isEmpty()) {
            throw new BuildException(distribution + " is not a slipway-agent distribution (it lacks "
                    + String.join(", ", missing) + "); rebuild it with `mvn -B package -pl update-agent -am`");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted().toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** The runtime: who made the JDK it came from, that JDK's version, its modules and its size. */
    private static BuildRecord.AgentRuntime runtime(Path runtime) throws IOException, BuildException {
        Properties release = new Properties();
        try (InputStream in = Files.newInputStream(runtime.resolve("release"))) {
            release.load(in);
        }
        String modules = unquote(release.getProperty("MODULES", ""));
        if (modules.isEmpty()) {
            throw new BuildException("jlink's runtime has no usable release file (no MODULES line)");
        }
        long size;
        try (Stream<Path> files = Files.walk(runtime)) {
            size = files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
        // jlink's release file names the modules but not who made the JDK or its full version: the runtime is
        // made from the JDK running this build, whose properties say both.
        return new BuildRecord.AgentRuntime(System.getProperty("java.vendor"), System.getProperty("java.runtime.version"),
                Arrays.stream(modules.split(" ")).sorted().toList(), size, null);
    }

    private static String unquote(String value) {
        String stripped = value.strip();
        return stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")
                ? stripped.substring(1, stripped.length() - 1) : stripped;
    }

    /** The agent's own version, from the Maven coordinates inside its application jar. */
    private static String appVersion(Path app) throws IOException, BuildException {
        try (Stream<Path> jars = Files.list(app.resolve("app"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                Properties pom = pomProperties(jar, "dev.slipway", "slipway-agent");
                if (pom != null) {
                    return pom.getProperty("version");
                }
            }
        }
        throw new BuildException(app + " holds no slipway-agent application jar; rebuild the agent's distribution");
    }

    private static Properties pomProperties(Path jar, String group, String artifact) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.getEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties");
            if (entry == null) {
                return null;
            }
            Properties properties = new Properties();
            try (InputStream in = zip.getInputStream(entry)) {
                properties.load(in);
            }
            return properties;
        }
    }

    /**
     * Every jar of the application with its SHA-256, and its Maven coordinates where Quarkus' dependency list
     * names it: Quarkus calls a dependency's jar {@code GROUP.ARTIFACT-VERSION[-CLASSIFIER].jar}. The agent's
     * own jar has the agent's coordinates; the jars Quarkus generates at build time have none.
     */
    private static List<BuildRecord.AgentLibrary> libraries(Path app, String version) throws IOException {
        Map<String, String> purls = new HashMap<>();
        for (String line : Files.readAllLines(app.resolve("quarkus-app-dependencies.txt"), StandardCharsets.UTF_8)) {
            String[] parts = line.strip().split(":", -1);   // group:artifact:classifier:type:version
            if (parts.length == 5 && parts[3].equals("jar")) {
                String file = parts[0] + "." + parts[1] + "-" + parts[4] + (parts[2].isEmpty() ? "" : "-" + parts[2])
                        + ".jar";
                purls.put(file, "pkg:maven/" + parts[0] + "/" + parts[1] + "@" + parts[4]
                        + (parts[2].isEmpty() ? "" : "?classifier=" + parts[2]));
            }
        }
        List<BuildRecord.AgentLibrary> libraries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(app)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String name = app.relativize(jar).toString();
                String purl = name.startsWith("app/") ? "pkg:maven/dev.slipway/slipway-agent@" + version
                        : purls.get(jar.getFileName().toString());
                libraries.add(new BuildRecord.AgentLibrary(name, purl, FileDigests.sha256(jar)));
            }
        }
        return libraries;
    }
}
