package dev.slipway.build;

import dev.slipway.tree.Directory;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Metadata;
import dev.slipway.tree.Node;
import dev.slipway.tree.Timestamp;
import dev.slipway.tree.TreeEdits;

/**
 * Ships the composed /etc inside /usr, at {@code /usr/share/factory/etc} (systemd's factory
 * directory), because only /usr reaches the disk. A node mounts /etc as an overlay with these
 * defaults as its lower layer (Flatcar's approach): a later image's new defaults appear on the node
 * unless the node changed that file.
 */
final class EtcDefaults {

    static final String FACTORY = "usr/share/factory/etc";

    private EtcDefaults() {
    }

    static FileTree intoUsr(FileTree tree, Timestamp buildTime) {
        Node etc = TreeEdits.lookup(tree, "etc").orElse(null);
        if (!(etc instanceof Directory) || TreeEdits.lookup(tree, "usr").isEmpty()) {
            return tree;
        }
        // Without machine-id the first boot is a first boot to systemd: it writes a fresh one into /etc.
        Directory defaults = (Directory) etc;
        if (defaults.entries().containsKey("machine-id")) {
            defaults = (Directory) TreeEdits.remove(new FileTree(defaults), "machine-id").root();
        }
        FileTree withFactory = TreeEdits.ensureDirectories(tree, "usr/share/factory", Metadata.of(0755, 0, 0, buildTime));
        return TreeEdits.put(withFactory, FACTORY, defaults);
    }
}
