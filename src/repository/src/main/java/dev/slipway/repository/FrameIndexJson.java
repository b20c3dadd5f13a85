package dev.slipway.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.trust.manifest.CanonicalJson;
import dev.slipway.trust.manifest.ManifestException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The frame index as JSON: canonical (sorted keys, no whitespace) with kebab-case keys, like the
 * manifest. Reading is strict, because the index comes from the repository unsigned: unknown
 * fields, duplicate keys, wrong types, a data size other than the signed manifest's and more
 * frames than the caller allows are all refused, before any frame is downloaded.
 *
 * <pre>{@code
 * {"data-size":8192,"format":1,"frame-size":1048576,"frames":[{"data-length":8192,"data-offset":0,
 *  "payload-length":61,"payload-offset":0,"sha256":"..."}],"type":"slipway/usr-frame-index"}
 * }</pre>
 */
final class FrameIndexJson {

    static final String TYPE = "slipway/usr-frame-index";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> FIELDS = Set.of("type", "format", "frame-size", "data-size", "frames");
    private static final Set<String> FRAME_FIELDS = Set.of("data-offset", "data-length", "payload-offset",
            "payload-length", "sha256");

    private FrameIndexJson() {
    }

    static byte[] toBytes(FrameIndex index) {
        ObjectNode root = JSON.objectNode();
        root.put("type", TYPE);
        root.put("format", index.format());
        root.put("frame-size", index.frameSize());
        root.put("data-size", index.dataSize());
        ArrayNode frames = root.putArray("frames");
        for (FrameIndex.Frame frame : index.frames()) {
            ObjectNode node = frames.addObject();
            node.put("data-offset", frame.dataOffset());
            node.put("data-length", frame.dataLength());
            node.put("payload-offset", frame.payloadOffset());
            node.put("payload-length", frame.payloadLength());
            node.put("sha256", frame.sha256());
        }
        return CanonicalJson.write(root);
    }

    /**
     * Parses and checks an index.
     *
     * @param expectedDataSize the data size the signed manifest states for usr.img
     * @param maxFrames        the most frames the caller accepts (the index is read whole into memory)
     */
    static FrameIndex parse(byte[] json, long expectedDataSize, int maxFrames) throws PayloadException {
        JsonNode root;
        try {
            root = CanonicalJson.parse(json);
        } catch (ManifestException e) {
            throw new PayloadException("the frame index is " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PayloadException("the frame index must be a JSON object");
        }
        only(root, "", FIELDS);
        String type = text(root, "type");
        if (!TYPE.equals(type)) {
            throw new PayloadException("type is \"" + type + "\", not \"" + TYPE + "\": this is not a frame index");
        }
        long format = natural(root, "format");
        if (format != FrameIndex.FORMAT) {
            throw new PayloadException("format is " + format + ", not " + FrameIndex.FORMAT
                    + ", the frame index format this Slipway reads");
        }
        long frameSize = natural(root, "frame-size");
        long dataSize = natural(root, "data-size");
        if (dataSize != expectedDataSize) {
            throw new PayloadException("data-size is " + dataSize + ", but the signed manifest says " + expectedDataSize);
        }
        try {
            FrameIndex.checkFrameSize(frameSize);
        } catch (IllegalArgumentException e) {
            throw new PayloadException(e.getMessage());
        }
        JsonNode list = root.get("frames");
        if (list == null || !list.isArray()) {
            throw new PayloadException("frames " + (list == null ? "is missing" : "must be a list"));
        }
        if (list.size() > maxFrames) {
            throw new PayloadException("frames has " + list.size() + " entries, more than the " + maxFrames + " allowed");
        }
        List<FrameIndex.Frame> frames = new ArrayList<>(list.size());
        try {
            for (int i = 0; i < list.size(); i++) {
                frames.add(frame(list.get(i), i, frameSize));
            }
            return new FrameIndex((int) format, (int) frameSize, dataSize, frames);
        } catch (IllegalArgumentException e) {
            throw new PayloadException(e.getMessage());
        }
    }

    private static FrameIndex.Frame frame(JsonNode node, int number, long frameSize) throws PayloadException {
        String path = "frames[" + number + "]";
        if (!node.isObject()) {
            throw new PayloadException(path + " must be a JSON object");
        }
        only(node, path + ".", FRAME_FIELDS);
        long dataLength = natural(node, path + ".", "data-length");
        if (dataLength > frameSize) {
            throw new PayloadException(path + ".data-length is " + dataLength + ", more than frame-size " + frameSize);
        }
        long payloadLength = natural(node, path + ".", "payload-length");
        int bound = FrameIndex.maxPayloadLength((int) dataLength);
        if (payloadLength > bound) {
            throw new PayloadException(path + ".payload-length is " + payloadLength + ", more than the " + bound
                    + " bytes zstd needs at worst for " + dataLength + " bytes of data");
        }
        return new FrameIndex.Frame(number, natural(node, path + ".", "data-offset"), (int) dataLength,
                natural(node, path + ".", "payload-offset"), (int) payloadLength, text(node, path + ".", "sha256"));
    }

    /** Refuses fields this format does not define rather than ignoring what a newer writer meant. */
    private static void only(JsonNode node, String path, Set<String> known) throws PayloadException {
        for (var field : node.properties()) {
            if (!known.contains(field.getKey())) {
                throw new PayloadException(path + field.getKey() + " is not a field of frame index format "
                        + FrameIndex.FORMAT + "; expected only " + known.stream().sorted().toList());
            }
        }
    }

    private static long natural(JsonNode node, String name) throws PayloadException {
        return natural(node, "", name);
    }

    private static long natural(JsonNode node, String path, String name) throws PayloadException {
        JsonNode value = required(node, path, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new PayloadException(path + name + " is " + value + ", not a whole number 0 or more");
        }
        return value.longValue();
    }

    private static String text(JsonNode node, String name) throws PayloadException {
        return text(node, "", name);
    }

    private static String text(JsonNode node, String path, String name) throws PayloadException {
        JsonNode value = required(node, path, name);
        if (!value.isTextual()) {
            throw new PayloadException(path + name + " is " + value + ", not a string");
        }
        return value.textValue();
    }

    private static JsonNode required(JsonNode node, String path, String name) throws PayloadException {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new PayloadException(path + name + " is missing");
        }
        return value;
    }
}
