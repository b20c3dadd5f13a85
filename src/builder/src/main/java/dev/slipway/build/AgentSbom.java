package dev.slipway.build;

import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Property;

/**
 * slipway-agent in the image's SBOM: the agent as an application whose components are its jars (Maven purls
 * and SHA-256), and the Java runtime jlink made for it as a platform, with its modules. Scanners match the
 * purls; a reviewer compares the digests with build.json and with the files under /usr/lib/slipway-agent.
 */
final class AgentSbom {

    static final String PROPERTY_PREFIX = "slipway:agent:";

    private AgentSbom() {
    }

    static List<Component> components(BuildRecord.Agent agent) {
        if (agent == null) {
            return List.of();
        }
        Component application = new Component();
        application.setType(Component.Type.APPLICATION);
        application.setName("slipway-agent");
        application.setVersion(agent.version());
        String purl = "pkg:maven/dev.slipway/slipway-agent@" + agent.version();
        application.setPurl(purl);
        application.setBomRef(purl);
        application.setProperties(List.of(new Property(PROPERTY_PREFIX + "app-sha256", agent.appSha256())));
        List<Component> jars = new ArrayList<>();
        for (BuildRecord.AgentLibrary library : agent.libraries()) {
            jars.add(library(library));
        }
        application.setComponents(jars);

        BuildRecord.AgentRuntime runtime = agent.runtime();
        Component java = new Component();
        java.setType(Component.Type.PLATFORM);
        java.setName("java-runtime");
        java.setVersion(runtime.version());
        if (!runtime.implementor().isEmpty()) {
            java.setPublisher(runtime.implementor());
        }
        java.setBomRef("slipway-agent-java-runtime");
        java.setProperties(List.of(new Property(PROPERTY_PREFIX + "jlink-modules", String.join(",", runtime.modules())),
                new Property(PROPERTY_PREFIX + "runtime-size", Long.toString(runtime.size())),
                new Property(PROPERTY_PREFIX + "runtime-tree-sha256", runtime.treeSha256())));
        return List.of(application, java);
    }

    /** A jar; without Maven coordinates (Quarkus' generated jars) it is a file, named by its path. */
    private static Component library(BuildRecord.AgentLibrary library) {
        Component jar = new Component();
        jar.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, library.sha256())));
        if (library.purl() == null) {
            jar.setType(Component.Type.FILE);
            jar.setName("usr/lib/slipway-agent/app/" + library.file());
            return jar;
        }
        // pkg:maven/GROUP/ARTIFACT@VERSION[?classifier=...]
        String coordinates = library.purl().substring("pkg:maven/".length()).replaceFirst("\\?.*$", "");
        int at = coordinates.lastIndexOf('@');
        int slash = coordinates.indexOf('/');
        jar.setType(Component.Type.LIBRARY);
        jar.setGroup(coordinates.substring(0, slash));
        jar.setName(coordinates.substring(slash + 1, at));
        jar.setVersion(coordinates.substring(at + 1));
        jar.setPurl(library.purl());
        jar.setProperties(List.of(new Property(PROPERTY_PREFIX + "file", "usr/lib/slipway-agent/app/" + library.file())));
        return jar;
    }
}
