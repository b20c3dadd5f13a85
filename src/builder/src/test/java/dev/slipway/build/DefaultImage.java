package dev.slipway.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The default profile, built once per test run and rebuilt once into another directory by the
 * rebuild check (locked: the first build's packages from this run's cache), shared by every test
 * that needs a real Debian image (composing one takes mmdebstrap and the Debian archive, so no test
 * builds its own). The first build keeps its rootfs.tar for the referees.
 */
final class DefaultImage {

    static final Path REPO = Path.of(System.getProperty("slipway.repo", "../..")).toAbsolutePath().normalize();
    static final Path PROFILE = REPO.resolve("image-profiles/aks-node.toml");
    /** slipway-agent's distribution: the reactor packages update-agent before this module (see its pom). */
    static final Path AGENT = REPO.resolve("update-agent/target/slipway-agent");
    private static final Path ROOT = Path.of("target/default-image").toAbsolutePath();
    /** The .deb cache of this run: the locked rebuild reads the first build's packages from it. */
    static final Path CACHE = PackageCache.defaultRoot();

    record Builds(BuildResult first, BuildResult rebuild, RebuildCheck.Result check, Duration firstTook,
                  Duration rebuildTook) {
        Path firstDirectory() {
            return first.usrImage().getParent();
        }
    }

    private static Builds builds;
    /** A failed build is not retried: every later test fails at once with the same cause instead of building again. */
    private static RuntimeException failure;

    private DefaultImage() {
    }

    static synchronized Builds get() {
        if (failure != null) {
            throw new IllegalStateException("the default image failed to build earlier in this run (see the first failure)",
                    failure);
        }
        if (builds == null) {
            try {
                TestFiles.deleteRecursively(ROOT);
                long start = System.nanoTime();
                BuildResult first = ImageBuild.run(new BuildRequest(PROFILE, ROOT.resolve("first"), null, null, true, null, CACHE,
                        AGENT),
                        new PrintingListener("first build"));
                long middle = System.nanoTime();
                RebuildCheck.Result check = RebuildCheck.run(ROOT.resolve("first"), PROFILE, ROOT.resolve("rebuild"),
                        CACHE, AGENT, new PrintingListener("rebuild"));
                BuildResult rebuild = check.rebuilt();
                long end = System.nanoTime();
                builds = new Builds(first, rebuild, check, Duration.ofNanos(middle - start), Duration.ofNanos(end - middle));
                System.err.printf("default image: first build %d s, rebuild %d s%n", builds.firstTook.toSeconds(),
                        builds.rebuildTook.toSeconds());
            } catch (IOException e) {
                failure = new UncheckedIOException(e);
                throw failure;
            } catch (Exception e) {
                failure = new IllegalStateException("building the default image failed: " + e.getMessage(), e);
                throw failure;
            }
        }
        return builds;
    }

    /** Step lines on stderr, so a slow or failing build in CI shows where it was. */
    private record PrintingListener(String name) implements BuildListener {
        @Override
        public void stepStarted(BuildStep step, String detail) {
            System.err.println(name + ": " + step.label() + (detail.isEmpty() ? "" : ": " + detail));
        }

        @Override
        public void stepFinished(BuildStep step, Duration took) {
            System.err.println(name + ": " + step.label() + " took " + took.toMillis() + " ms");
        }
    }
}
