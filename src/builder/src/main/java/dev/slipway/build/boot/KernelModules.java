package dev.slipway.build.boot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which kernel module files an initrd needs for a list of module names, in load order: each
 * module after the modules it depends on (modules.dep), built-in ones (modules.builtin) left out.
 * Names compare as the kernel does, with '-' and '_' the same.
 */
public final class KernelModules {

    private final Map<String, String> pathByName = new HashMap<>();
    private final Map<String, List<String>> dependencies = new HashMap<>();
    private final Set<String> builtin = new HashSet<>();

    /**
     * @param modulesDep     the text of lib/modules/VERSION/modules.dep
     * @param modulesBuiltin the text of lib/modules/VERSION/modules.builtin
     */
    public KernelModules(String modulesDep, String modulesBuiltin) {
        for (String line : modulesDep.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String path = line.substring(0, colon).strip();
            List<String> deps = new ArrayList<>();
            for (String dep : line.substring(colon + 1).strip().split("\\s+")) {
                if (!dep.isEmpty()) {
                    deps.add(dep);
                }
            }
            pathByName.put(nameOf(path), path);
            dependencies.put(path, deps);
        }
        for (String line : modulesBuiltin.split("\n")) {
            if (!line.isBlank()) {
                builtin.add(nameOf(line.strip()));
            }
        }
    }

    /** The module's name from its path: "kernel/drivers/md/dm-verity.ko.xz" gives "dm_verity". */
    static String nameOf(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.indexOf(".ko");
        return (dot > 0 ? file.substring(0, dot) : file).replace('-', '_');
    }

    /**
     * The module files (paths relative to lib/modules/VERSION) to load for {@code names}, each after
     * its dependencies.
     *
     * @throws IllegalArgumentException naming a module that is neither a file nor built in
     */
    public List<String> loadOrder(List<String> names) {
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : names) {
            String key = name.replace('-', '_');
            if (builtin.contains(key)) {
                continue;
            }
            String path = pathByName.get(key);
            if (path == null) {
                throw new IllegalArgumentException("kernel module " + name + " is neither built into this kernel nor"
                        + " in its modules.dep");
            }
            visit(path, ordered, new HashSet<>());
        }
        return List.copyOf(ordered);
    }

    private void visit(String path, Set<String> ordered, Set<String> visiting) {
        if (ordered.contains(path) || !visiting.add(path)) {
            return;
        }
        for (String dep : dependencies.getOrDefault(path, List.of())) {
            visit(dep, ordered, visiting);
        }
        ordered.add(path);
    }

    public boolean isBuiltin(String name) {
        return builtin.contains(name.replace('-', '_'));
    }
}
