package dev.slipway.build;

import dev.slipway.profile.DebianSource;
import dev.slipway.profile.Profile;
import dev.slipway.trust.manifest.Artifact;
import dev.slipway.trust.manifest.Manifest;
import dev.slipway.trust.manifest.VerityInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** manifest.json from what the build made: build.json's record of usr.img and the disks, and the small files. */
final class ImageManifests {

    /** Debian's architecture names as the kernel (and a node's agent) calls them. */
    private static final Map<String, String> MACHINE = Map.of("amd64", "x86_64", "arm64", "aarch64");

    /** The manifest's source entry for slipway-agent (build.json's "agent" has the details). */
    static final String AGENT_SOURCE = "slipway-agent";

    private ImageManifests() {
    }

    /** A small output file and the manifest role it plays. */
    record Extra(Path file, String role) {
    }

    static Manifest of(Profile profile, BuildRecord record, List<Extra> extras) throws IOException {
        List<Artifact> artifacts = new ArrayList<>();
        BuildRecord.Usr usr = record.usr();
        artifacts.add(new Artifact(usr.file(), Artifact.USR, null, usr.size(), usr.sha256(),
                new VerityInfo(usr.hashAlgorithm(), usr.dataBlockSize(), usr.hashBlockSize(), usr.dataSize(),
                        usr.hashOffset(), usr.salt(), usr.verityUuid(), usr.rootHash())));
        if (record.disk() != null) {
            for (BuildRecord.DiskFile disk : record.disk().files()) {
                artifacts.add(new Artifact(disk.file(), Artifact.DISK, disk.format(), disk.size(), disk.sha256(), null));
            }
        }
        for (Extra extra : extras) {
            artifacts.add(Artifact.of(extra.file().getFileName().toString(), extra.role(), Files.size(extra.file()),
                    FileDigests.sha256(extra.file())));
        }
        var image = new Manifest.Image(record.image().name(), record.image().version(), record.image().description());
        var profileDigests = new Manifest.ProfileDigests(record.profile().file(), record.profile().sha256(),
                record.profile().resolvedSha256());
        List<Manifest.Source> sources = new ArrayList<>();
        sources.add(new Manifest.Source(record.source().kind(), record.source().digests()));
        if (record.agent() != null) {
            // What the root tree was composed from besides the packages: the agent and the runtime made for it.
            sources.add(new Manifest.Source(AGENT_SOURCE, Map.of("app-sha256", record.agent().appSha256(),
                    "runtime-sha256", record.agent().runtime().treeSha256())));
        }
        return new Manifest(Manifest.FORMAT, image, compatibility(profile), profile.image().securityVersion(),
                record.epoch(), record.slipwayVersion(), profileDigests, sources, artifacts);
    }

    /**
     * The profile's compatibility string, else {@code slipway/NAME/MACHINE}. A tarball, OCI image or
     * directory does not say its architecture; Slipway's disks are for x86_64 machines (Hyper-V
     * generation 2, Azure), so that is the default there.
     */
    static String compatibility(Profile profile) {
        if (profile.image().compatibility() != null) {
            return profile.image().compatibility();
        }
        String machine = profile.source() instanceof DebianSource debian
                ? MACHINE.getOrDefault(debian.architecture(), debian.architecture()) : "x86_64";
        return "slipway/" + profile.image().name() + "/" + machine;
    }
}
