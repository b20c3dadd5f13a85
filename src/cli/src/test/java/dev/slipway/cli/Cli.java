package dev.slipway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs slipway as a user would: in this JVM for speed, or in a fresh JVM with its own environment. */
final class Cli {

    record Run(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Slipway.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Runs slipway in a new JVM through {@code sh -c}, so that the shell sets what a user's session
     * would: {@code prelude} (e.g. "umask 077"), then {@code env} on top of this process's
     * environment. {@code classPath} defaults to this JVM's.
     */
    static Run fork(String prelude, Map<String, String> env, String classPath, List<String> args) throws IOException {
        return fork(prelude, "", env, classPath, args);
    }

    /** As {@link #fork(String, Map, String, List)}, with the JVM started through {@code execPrefix}. */
    static Run asNobody(Map<String, String> env, String classPath, List<String> args) throws IOException {
        return fork("", "setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all", env, classPath, args);
    }

    /** As {@link #asNobody}, as the named user with that user's groups. */
    static Run asUser(String user, Map<String, String> env, String classPath, List<String> args) throws IOException {
        return fork("", "setpriv --reuid=" + user + " --regid=" + user + " --init-groups --inh-caps=-all", env,
                classPath, args);
    }

    private static Run fork(String prelude, String execPrefix, Map<String, String> env, String classPath,
                            List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath == null ? System.getProperty("java.class.path") : classPath,
                "dev.slipway.cli.Slipway"));
        command.addAll(args);
        StringBuilder script = new StringBuilder(prelude).append("\nexec ").append(execPrefix);
        for (String part : command) {
            script.append(" '").append(part.replace("'", "'\\''")).append("'");
        }
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        var stderr = process.getErrorStream();
        byte[][] errBytes = new byte[1][];
        Thread errReader = Thread.ofPlatform().start(() -> {
            try {
                errBytes[0] = stderr.readAllBytes();
            } catch (IOException e) {
                errBytes[0] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int code = process.waitFor();
            errReader.join();
            return new Run(code, out, new String(errBytes[0], StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Copies this JVM's class path where any user can read it; returns the new class path. */
    static String worldReadableClassPath(Path into) throws IOException {
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path copy = into.resolve((i++) + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                try (Stream<Path> walk = Files.walk(source)) {
                    for (Path p : (Iterable<Path>) walk::iterator) {
                        Path target = copy.resolve(source.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(p, target);
                        }
                    }
                }
            } else {
                Files.copy(source, copy);
            }
            entries.add(copy.toString());
        }
        dev.slipway.source.Shell.run("chmod", "-R", "a+rX", into.toString());
        return String.join(java.io.File.pathSeparator, entries);
    }
}
