package dev.slipway.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.repository.ChannelException.Reason;
import dev.slipway.trust.manifest.CanonicalJson;
import dev.slipway.trust.manifest.ManifestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Channel metadata as JSON: canonical (RFC 8785 order, no whitespace) with kebab-case keys, like the
 * manifest. Reading is strict, in the manifest's manner: the bytes must be canonical (what was
 * signed is exactly what is read), of this type and format; unknown fields, duplicate keys and
 * wrong types are refused, because a signed statement nobody reads is a trap.
 *
 * <pre>{@code
 * {"channel":"stable","expires":1767225600,"format":1,"issued":1766620800,"release":{"compatibility":
 *  "slipway/aks-node/x86_64","image":"aks-node","manifest-sha256":"...","manifest-size":2286,"path":
 *  "images/aks-node/0.2.0","security-version":1,"version":"0.2.0"},"type":"slipway/channel","version":4,
 *  "waves":[{"percent":10,"start":1766620800},{"percent":100,"start":1766707200}]}
 * }</pre>
 */
public final class ChannelMetadataJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> FIELDS = Set.of("type", "format", "channel", "version", "issued", "expires",
            "release", "waves");
    private static final Set<String> RELEASE_FIELDS = Set.of("image", "version", "compatibility", "security-version",
            "path", "manifest-size", "manifest-sha256");
    private static final Set<String> WAVE_FIELDS = Set.of("start", "percent");
    /** More waves than anyone plans; it bounds what a parse allocates. */
    static final int MAX_WAVES = 1000;

    private ChannelMetadataJson() {
    }

    /** The canonical bytes: the same metadata always gives the same bytes. */
    public static byte[] toBytes(ChannelMetadata metadata) {
        ObjectNode root = JSON.objectNode();
        root.put("type", ChannelMetadata.TYPE);
        root.put("format", metadata.format());
        root.put("channel", metadata.channel());
        root.put("version", metadata.version());
        root.put("issued", metadata.issued());
        root.put("expires", metadata.expires());
        ChannelMetadata.Release release = metadata.release();
        ObjectNode r = root.putObject("release");
        r.put("image", release.image());
        r.put("version", release.version());
        r.put("compatibility", release.compatibility());
        r.put("security-version", release.securityVersion());
        r.put("path", release.path());
        r.put("manifest-size", release.manifestSize());
        r.put("manifest-sha256", release.manifestSha256());
        ArrayNode waves = root.putArray("waves");
        for (ChannelMetadata.Wave wave : metadata.waves()) {
            waves.addObject().put("start", wave.start()).put("percent", wave.percent());
        }
        return CanonicalJson.write(root);
    }

    /**
     * Parses and checks metadata.
     *
     * @throws ChannelException with reason {@link Reason#MALFORMED}, naming the field and what was expected
     */
    public static ChannelMetadata parse(byte[] json) throws ChannelException {
        JsonNode root;
        try {
            root = CanonicalJson.parse(json);
        } catch (ManifestException e) {
            throw malformed("the channel metadata is " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed("the channel metadata must be a JSON object");
        }
        if (!CanonicalJson.isCanonical(json)) {
            throw malformed("the channel metadata is not in canonical JSON form (RFC 8785 ordering, no whitespace):"
                    + " it was not written by Slipway or was edited after signing");
        }
        only(root, "", FIELDS);
        String type = text(root, "", "type");
        if (!ChannelMetadata.TYPE.equals(type)) {
            throw malformed("type is \"" + type + "\", not \"" + ChannelMetadata.TYPE + "\": this is not channel metadata");
        }
        long format = natural(root, "", "format");
        if (format != ChannelMetadata.FORMAT) {
            throw malformed("format is " + format + ", not " + ChannelMetadata.FORMAT
                    + ", the channel metadata format this Slipway reads; use a matching Slipway version");
        }
        try {
            return new ChannelMetadata((int) format, text(root, "", "channel"), natural(root, "", "version"),
                    natural(root, "", "issued"), natural(root, "", "expires"), release(object(root, "release")),
                    waves(root));
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static ChannelMetadata.Release release(JsonNode node) throws ChannelException {
        String path = "release.";
        only(node, path, RELEASE_FIELDS);
        return new ChannelMetadata.Release(text(node, path, "image"), text(node, path, "version"),
                text(node, path, "compatibility"), natural(node, path, "security-version"), text(node, path, "path"),
                natural(node, path, "manifest-size"), text(node, path, "manifest-sha256"));
    }

    private static List<ChannelMetadata.Wave> waves(JsonNode root) throws ChannelException {
        JsonNode list = required(root, "", "waves");
        if (!list.isArray()) {
            throw malformed("waves is " + list + ", not a list");
        }
        if (list.size() > MAX_WAVES) {
            throw malformed("waves has " + list.size() + " entries, more than the " + MAX_WAVES + " allowed");
        }
        List<ChannelMetadata.Wave> waves = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "waves[" + i + "].";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw malformed("waves[" + i + "] is " + node + ", not a JSON object");
            }
            only(node, path, WAVE_FIELDS);
            long percent = natural(node, path, "percent");
            if (percent > 100) {
                throw malformed(path + "percent is " + percent + ", not 0 to 100");
            }
            waves.add(new ChannelMetadata.Wave(natural(node, path, "start"), (int) percent));
        }
        return waves;
    }

    /** Refuses fields this format does not define rather than ignoring what a newer writer meant. */
    private static void only(JsonNode node, String path, Set<String> known) throws ChannelException {
        for (var field : node.properties()) {
            if (!known.contains(field.getKey())) {
                throw malformed(path + field.getKey() + " is not a field of channel metadata format "
                        + ChannelMetadata.FORMAT + "; expected only " + known.stream().sorted().toList()
                        + " (metadata from a newer Slipway?)");
            }
        }
    }

    private static JsonNode object(JsonNode node, String name) throws ChannelException {
        JsonNode value = required(node, "", name);
        if (!value.isObject()) {
            throw malformed(name + " is " + value + ", not a JSON object");
        }
        return value;
    }

    private static long natural(JsonNode node, String path, String name) throws ChannelException {
        JsonNode value = required(node, path, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw malformed(path + name + " is " + value + ", not a whole number 0 or more");
        }
        return value.longValue();
    }

    private static String text(JsonNode node, String path, String name) throws ChannelException {
        JsonNode value = required(node, path, name);
        if (!value.isTextual()) {
            throw malformed(path + name + " is " + value + ", not a string");
        }
        return value.textValue();
    }

    private static JsonNode required(JsonNode node, String path, String name) throws ChannelException {
        JsonNode value = node.get(name);
        if (value == null) {
            throw malformed(path + name + " is missing");
        }
        return value;
    }

    private static ChannelException malformed(String message) {
        return new ChannelException(Reason.MALFORMED, message);
    }
}
