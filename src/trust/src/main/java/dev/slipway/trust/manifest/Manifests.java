package dev.slipway.trust.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * manifest.json's bytes: canonical JSON with kebab-case keys. Reading is strict: the bytes must
 * be canonical (what was signed is exactly what is read), of this format, and every field
 * well-formed; unknown fields are refused rather than ignored, so no signed statement goes unread.
 */
public final class Manifests {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern COMPATIBILITY = Pattern.compile("^[a-z0-9][a-z0-9._/-]{0,127}$");

    private Manifests() {
    }

    public static byte[] toBytes(Manifest manifest) {
        return CanonicalJson.write(toJson(manifest));
    }

    public static Manifest parse(byte[] bytes) throws ManifestException {
        JsonNode root = CanonicalJson.parse(bytes);
        if (!CanonicalJson.isCanonical(bytes)) {
            throw new ManifestException("the manifest is not in canonical JSON form (RFC 8785 ordering, no whitespace);"
                    + " it was not written by Slipway or was edited after signing");
        }
        Fields fields = Fields.of(root, "");
        if (!Manifest.TYPE.equals(fields.text("type"))) {
            throw new ManifestException("type is \"" + fields.text("type") + "\", not \"" + Manifest.TYPE
                    + "\": this is not an image manifest");
        }
        long format = fields.natural("format");
        if (format != Manifest.FORMAT) {
            throw new ManifestException("manifest format " + format + " is not " + Manifest.FORMAT
                    + ", the one this Slipway reads; use a matching Slipway version");
        }
        fields.only("type", "format", "image", "compatibility", "security-version", "build-time", "slipway-version",
                "profile", "sources", "artifacts");
        try {
            return new Manifest((int) format, image(fields.object("image")),
                    fields.matching("compatibility", COMPATIBILITY, "a compatibility string such as slipway/NAME/ARCH"),
                    fields.natural("security-version"), fields.natural("build-time"), fields.text("slipway-version"),
                    profile(fields.object("profile")), sources(fields.objects("sources")),
                    artifacts(fields.objects("artifacts")));
        } catch (IllegalArgumentException e) {
            throw new ManifestException(e.getMessage());
        }
    }

    private static ObjectNode toJson(Manifest m) {
        ObjectNode root = JSON.objectNode();
        root.put("type", Manifest.TYPE);
        root.put("format", m.format());
        ObjectNode image = root.putObject("image");
        image.put("name", m.image().name());
        image.put("version", m.image().version());
        image.put("description", m.image().description());
        root.put("compatibility", m.compatibility());
        root.put("security-version", m.securityVersion());
        root.put("build-time", m.buildTime());
        root.put("slipway-version", m.slipwayVersion());
        ObjectNode profile = root.putObject("profile");
        profile.put("file", m.profile().file());
        profile.put("sha256", m.profile().sha256());
        profile.put("resolved-sha256", m.profile().resolvedSha256());
        ArrayNode sources = root.putArray("sources");
        for (Manifest.Source source : m.sources()) {
            ObjectNode s = sources.addObject();
            s.put("kind", source.kind());
            ObjectNode digests = s.putObject("digests");
            source.digests().forEach(digests::put);
        }
        ArrayNode artifacts = root.putArray("artifacts");
        for (Artifact a : m.artifacts()) {
            ObjectNode node = artifacts.addObject();
            node.put("name", a.name());
            node.put("role", a.role());
            if (a.format() != null) {
                node.put("format", a.format());
            }
            node.put("size", a.size());
            node.put("sha256", a.sha256());
            if (a.verity() != null) {
                node.set("verity", verityJson(a.verity()));
            }
        }
        return root;
    }

    private static ObjectNode verityJson(VerityInfo v) {
        ObjectNode node = JSON.objectNode();
        node.put("algorithm", v.algorithm());
        node.put("data-block-size", v.dataBlockSize());
        node.put("hash-block-size", v.hashBlockSize());
        node.put("data-size", v.dataSize());
        node.put("hash-offset", v.hashOffset());
        node.put("salt", v.salt());
        node.put("uuid", v.uuid());
        node.put("root-hash", v.rootHash());
        return node;
    }

    private static Manifest.Image image(Fields f) throws ManifestException {
        f.only("name", "version", "description");
        return new Manifest.Image(f.text("name"), f.text("version"), f.text("description"));
    }

    private static Manifest.ProfileDigests profile(Fields f) throws ManifestException {
        f.only("file", "sha256", "resolved-sha256");
        return new Manifest.ProfileDigests(f.text("file"), f.sha256("sha256"), f.sha256("resolved-sha256"));
    }

    private static List<Manifest.Source> sources(List<Fields> items) throws ManifestException {
        List<Manifest.Source> sources = new ArrayList<>();
        for (Fields f : items) {
            f.only("kind", "digests");
            Map<String, String> digests = f.textMap("digests");
            sources.add(new Manifest.Source(f.text("kind"), digests));
        }
        return sources;
    }

    private static List<Artifact> artifacts(List<Fields> items) throws ManifestException {
        List<Artifact> artifacts = new ArrayList<>();
        for (Fields f : items) {
            f.only("name", "role", "format", "size", "sha256", "verity");
            Fields verity = f.optionalObject("verity");
            artifacts.add(new Artifact(f.text("name"), f.text("role"), f.optionalText("format"), f.natural("size"),
                    f.sha256("sha256"), verity == null ? null : verity(verity)));
        }
        return artifacts;
    }

    private static VerityInfo verity(Fields f) throws ManifestException {
        f.only("algorithm", "data-block-size", "hash-block-size", "data-size", "hash-offset", "salt", "uuid",
                "root-hash");
        long dataBlockSize = f.natural("data-block-size");
        long hashBlockSize = f.natural("hash-block-size");
        if (dataBlockSize > 1 << 16 || hashBlockSize > 1 << 16) {
            throw new ManifestException("verity block sizes above 64 KiB are not dm-verity's");
        }
        return new VerityInfo(f.text("algorithm"), (int) dataBlockSize, (int) hashBlockSize, f.natural("data-size"),
                f.natural("hash-offset"), f.hex("salt"), f.text("uuid"), f.hex("root-hash"));
    }
}
