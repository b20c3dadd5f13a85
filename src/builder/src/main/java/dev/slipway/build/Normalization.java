package dev.slipway.build;

import dev.slipway.tree.Content;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Node;
import dev.slipway.tree.RegularFile;
import dev.slipway.tree.TreeEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The documented step that removes what differs between two compositions of the same inputs, or
 * belongs to the build host or to one machine rather than to the image. Each rule names its path
 * and why; build.json lists the rules that changed something. (docs/builder.md has the table.)
 */
final class Normalization {

    enum Action { REMOVE, EMPTY }

    record Rule(String path, Action action, String why) {
    }

    static final List<Rule> RULES = List.of(
            new Rule("etc/hostname", Action.REMOVE, "the build host's name, copied in by mmdebstrap"),
            new Rule("etc/resolv.conf", Action.REMOVE, "the build host's resolvers, copied in by mmdebstrap"),
            new Rule("etc/machine-id", Action.EMPTY, "identifies one machine; created at first boot"),
            new Rule("var/lib/dbus/machine-id", Action.REMOVE, "identifies one machine"),
            new Rule("var/cache/ldconfig/aux-cache", Action.REMOVE, "ldconfig's cache keyed by inode and ctime"),
            new Rule("var/cache/apt/archives/partial", Action.REMOVE,
                    "apt's download area; its owner depends on whether apt's sandbox user could reach the build directory"),
            new Rule("var/lib/apt/lists/partial", Action.REMOVE,
                    "apt's download area; its owner depends on whether apt's sandbox user could reach the build directory"),
            new Rule("var/log/dpkg.log", Action.REMOVE, "log with the build's wall-clock times"),
            new Rule("var/log/alternatives.log", Action.REMOVE, "log with the build's wall-clock times"),
            new Rule("var/log/apt/history.log", Action.REMOVE, "log with the build's wall-clock times"),
            new Rule("var/log/apt/term.log", Action.REMOVE, "log with the build's wall-clock times"),
            new Rule("var/log/apt/eipp.log.xz", Action.REMOVE, "log with the build's wall-clock times"));

    /** The normalised tree and the paths the rules changed, in rule order. */
    record Result(FileTree tree, List<String> changed) {
    }

    private Normalization() {
    }

    static Result apply(FileTree tree) {
        List<String> changed = new ArrayList<>();
        FileTree result = tree;
        for (Rule rule : RULES) {
            Optional<Node> node = TreeEdits.lookup(result, rule.path());
            if (node.isEmpty()) {
                continue;
            }
            switch (rule.action()) {
                case REMOVE -> {
                    result = TreeEdits.remove(result, rule.path());
                    changed.add(rule.path());
                }
                case EMPTY -> {
                    if (node.get() instanceof RegularFile file && file.size() > 0) {
                        result = TreeEdits.put(result, rule.path(), new RegularFile(file.metadata(), Content.ofBytes(new byte[0])));
                        changed.add(rule.path());
                    }
                }
            }
        }
        return new Result(result, List.copyOf(changed));
    }
}
