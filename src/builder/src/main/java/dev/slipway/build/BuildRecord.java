package dev.slipway.build;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * build.json: what a build used and what it made, so a reviewer or a later step (disk, manifest,
 * rebuild check) reads it instead of recomputing. Holds no absolute path, host name or clock
 * reading: two builds of the same inputs give the same bytes.
 */
@JsonPropertyOrder({"format", "slipway-version", "image", "profile", "epoch", "epoch-from", "source", "agent", "files", "normalized",
    "removed", "packages", "usr", "disk"})
public record BuildRecord(
        @JsonProperty("format") int format,
        @JsonProperty("slipway-version") String slipwayVersion,
        @JsonProperty("image") Image image,
        @JsonProperty("profile") ProfileDigests profile,
        @JsonProperty("epoch") long epoch,
        @JsonProperty("epoch-from") String epochFrom,
        @JsonProperty("source") SourceRecord source,
        @JsonProperty("agent") Agent agent,
        @JsonProperty("files") List<FilesTree> files,
        @JsonProperty("normalized") List<String> normalized,
        @JsonProperty("removed") List<String> removed,
        @JsonProperty("packages") List<DebianPackage> packages,
        @JsonProperty("usr") Usr usr,
        @JsonProperty("disk") DiskRecord disk) {

    public static final int FORMAT = 1;

    /** Where the epoch came from: the caller (--epoch, SOURCE_DATE_EPOCH), the profile, or the source tree's newest mtime. */
    public static final String EPOCH_FROM_CALLER = "caller";
    public static final String EPOCH_FROM_PROFILE = "profile";
    public static final String EPOCH_FROM_TREE = "source-tree";

    public record Image(String name, String version, String description) {
    }

    /**
     * A directory of the profile's {@code files.trees}, relative to the profile's directory, and the
     * digest of what it added (SHA-256 over the canonical listing of the tree as laid over).
     */
    @JsonPropertyOrder({"path", "tree-sha256"})
    public record FilesTree(String path, @JsonProperty("tree-sha256") String treeSha256) {
    }

    /**
     * @param file           the profile built, relative to its own directory (its file name)
     * @param chain          the profiles it extends and itself, base first, relative to its directory
     * @param sha256         over the chain's files (names and bytes)
     * @param resolvedSha256 over the resolved profile, as {@code slipway profile resolve} prints it
     */
    @JsonPropertyOrder({"file", "chain", "sha256", "resolved-sha256"})
    public record ProfileDigests(String file, List<String> chain, String sha256,
                                 @JsonProperty("resolved-sha256") String resolvedSha256) {
    }

    /**
     * usr.img: the EROFS filesystem ({@code data-size} bytes) followed by its dm-verity area at
     * {@code hash-offset}. {@code veritysetup verify usr.img usr.img ROOT_HASH --hash-offset=OFFSET}
     * checks it.
     */
    @JsonPropertyOrder({"file", "size", "sha256", "filesystem", "filesystem-uuid", "data-size", "data-blocks",
        "hash-offset", "hash-algorithm", "data-block-size", "hash-block-size", "salt", "verity-uuid", "root-hash"})
    public record Usr(String file, long size, String sha256, String filesystem,
                      @JsonProperty("filesystem-uuid") String filesystemUuid,
                      @JsonProperty("data-size") long dataSize,
                      @JsonProperty("data-blocks") long dataBlocks,
                      @JsonProperty("hash-offset") long hashOffset,
                      @JsonProperty("hash-algorithm") String hashAlgorithm,
                      @JsonProperty("data-block-size") int dataBlockSize,
                      @JsonProperty("hash-block-size") int hashBlockSize,
                      String salt,
                      @JsonProperty("verity-uuid") String verityUuid,
                      @JsonProperty("root-hash") String rootHash) {
    }

    /**
     * The disk: its size and GUID, the partition table as written, and each file written (raw, fixed
     * VHD, VHDX) with its SHA-256. Null when the profile asks for no disk.
     */
    @JsonPropertyOrder({"size", "guid", "partitions", "files"})
    public record DiskRecord(long size, String guid, List<Partition> partitions, List<DiskFile> files) {
    }

    /** A partition as the GPT holds it; {@code attributes} in hex ("0x0101000000000000"). */
    @JsonPropertyOrder({"number", "label", "type", "uuid", "first-lba", "last-lba", "size", "attributes"})
    public record Partition(int number, String label, String type, String uuid,
                            @JsonProperty("first-lba") long firstLba,
                            @JsonProperty("last-lba") long lastLba, long size, String attributes) {
    }

    @JsonPropertyOrder({"format", "file", "size", "sha256"})
    public record DiskFile(String format, String file, long size, String sha256) {
    }

    /**
     * slipway-agent as the image carries it (null when the profile leaves it out): its version, the digest of
     * its application tree under /usr/lib/slipway-agent/app, the Java runtime made for it, and every jar.
     */
    @JsonPropertyOrder({"version", "app-sha256", "runtime", "libraries"})
    public record Agent(String version, @JsonProperty("app-sha256") String appSha256, AgentRuntime runtime,
                        List<AgentLibrary> libraries) {
    }

    /**
     * The runtime jlink made from the build's JDK: who made that JDK and its version (from the runtime's
     * release file), its modules, its size in bytes and the digest of its tree in the image.
     */
    @JsonPropertyOrder({"implementor", "version", "modules", "size", "tree-sha256"})
    public record AgentRuntime(String implementor, String version, List<String> modules, long size,
                               @JsonProperty("tree-sha256") String treeSha256) {
    }

    /** A jar of the agent's application, relative to its directory, with its Maven purl where it has one. */
    @JsonPropertyOrder({"file", "purl", "sha256"})
    public record AgentLibrary(String file, String purl, String sha256) {
    }
}
