package dev.slipway.build;

import dev.slipway.tree.FileTree;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.TreeEdits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-checks the packages dpkg says are installed in a composed tree against the archive records
 * taken during composition, so build.json lists exactly what is in the image, each with its .deb
 * digest.
 */
final class InstalledPackages {

    static final String DPKG_STATUS = "var/lib/dpkg/status";
    private static final int MAX_STATUS_BYTES = 64 << 20;

    private InstalledPackages() {
    }

    static List<DebianPackage> match(FileTree tree, List<DebianPackage> recorded) throws IOException, BuildException {
        Map<String, DebianPackage> byKey = new HashMap<>();
        for (DebianPackage p : recorded) {
            DebianPackage earlier = byKey.putIfAbsent(key(p.name(), p.architecture(), p.version()), p);
            if (earlier != null && !earlier.sha256().equals(p.sha256())) {
                throw new BuildException("the archive lists " + p.name() + " " + p.version() + " twice with different"
                        + " digests (" + earlier.sha256() + ", " + p.sha256() + "); refusing an ambiguous package");
            }
        }
        List<DebianPackage> installed = new ArrayList<>();
        for (Map<String, String> stanza : Deb822.parse(readStatus(tree))) {
            if (!stanza.getOrDefault("Status", "").endsWith(" installed")) {
                continue;
            }
            String name = stanza.get("Package");
            String version = stanza.get("Version");
            DebianPackage match = byKey.get(key(name, stanza.getOrDefault("Architecture", ""), version));
            if (match == null) {
                throw new BuildException("dpkg says " + name + " " + version + " is installed, but no archive record"
                        + " with its digest was taken; was it installed from outside the archive by a hook?");
            }
            installed.add(match);
        }
        installed.sort(DebianPackage.ORDER);
        return installed;
    }

    private static String readStatus(FileTree tree) throws IOException, BuildException {
        Node node = TreeEdits.lookup(tree, DPKG_STATUS).orElse(null);
        if (!(node instanceof RegularFile file)) {
            throw new BuildException("the composed tree has no /" + DPKG_STATUS + "; it is not a Debian system");
        }
        if (file.size() > MAX_STATUS_BYTES) {
            throw new BuildException("/" + DPKG_STATUS + " is larger than " + (MAX_STATUS_BYTES >> 20) + " MiB");
        }
        return new String(file.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String key(String name, String architecture, String version) {
        return name + "\0" + architecture + "\0" + version;
    }
}
