package dev.slipway.trust.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs the referee tools (openssl, softhsm2-util, pkcs11-tool); a missing one fails the test naming its package. */
public final class HostTools {

    /** What a tool printed (stdout and stderr together) and how it exited. */
    public record Result(int exitCode, String output) {
    }

    private HostTools() {
    }

    /** Fails the test unless {@code tool} is on the PATH; {@code debianPackage} is what to install. */
    public static void require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        fail(tool + " is not installed: apt-get install -y --no-install-recommends " + debianPackage
                + " (scripts/install-test-deps installs it)");
    }

    /** Runs a command and returns how it went, whatever the exit code. */
    public static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Runs a command that must succeed, failing the test with its output otherwise. */
    public static String check(List<String> command) {
        Result result = run(command);
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    /**
     * {@code openssl cms -verify} of a detached DER signature against {@code caFile}, with any purpose
     * allowed (openssl knows nothing of Slipway's roles).
     */
    public static Result opensslVerify(Path content, Path signature, Path caFile) {
        require("openssl", "openssl");
        return run(List.of("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-content", content.toString(),
                "-in", signature.toString(), "-CAfile", caFile.toString(), "-purpose", "any", "-out", "/dev/null"));
    }
}
