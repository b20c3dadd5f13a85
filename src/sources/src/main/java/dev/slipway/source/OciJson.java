package dev.slipway.source;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The JSON documents of an OCI layout, parsed strictly: a duplicate key or anything after the
 * document is refused (two readers must never see two different documents in the same bytes),
 * and every field Slipway uses is checked for presence and type, with a message naming the file
 * and the field.
 *
 * <p>Every method takes {@code file}, the layout file the JSON came from (for the exception), and
 * {@code where}, a phrase naming the object in a sentence ("the manifest blobs/sha256/...",
 * "manifests[1] of index.json").
 */
final class OciJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private OciJson() {
    }

    /** Parses a whole document, which must be a JSON object. */
    static JsonNode parse(byte[] bytes, String file, String where) throws InvalidImageException {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new InvalidImageException(file, where + " is not valid JSON (" + e.getOriginalMessage()
                    + "); the layout is corrupt: copy or pull the image again", e);
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from memory cannot fail", e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidImageException(file, where + " is not a JSON object; the layout is corrupt: copy or"
                    + " pull the image again");
        }
        return node;
    }

    /** A field that must be a string. */
    static String text(JsonNode object, String field, String file, String where) throws InvalidImageException {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            throw missing(file, where, field, "a string");
        }
        return value.textValue();
    }

    /** A field that may be absent (or null), else must be a string. */
    static String optionalText(JsonNode object, String field, String file, String where) throws InvalidImageException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return text(object, field, file, where);
    }

    /** A field that must be an array. */
    static JsonNode array(JsonNode object, String field, String file, String where) throws InvalidImageException {
        JsonNode value = object.get(field);
        if (value == null || !value.isArray()) {
            throw missing(file, where, field, "an array");
        }
        return value;
    }

    /** A field that must be an object. */
    static JsonNode object(JsonNode object, String field, String file, String where) throws InvalidImageException {
        JsonNode value = object.get(field);
        if (value == null || !value.isObject()) {
            throw missing(file, where, field, "an object");
        }
        return value;
    }

    /** A field that must be a whole number from 0 to {@link Long#MAX_VALUE}. */
    static long size(JsonNode object, String field, String file, String where) throws InvalidImageException {
        JsonNode value = object.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw missing(file, where, field, "a whole number of bytes, 0 or more");
        }
        return value.longValue();
    }

    /** Every index and manifest says {@code "schemaVersion": 2}. */
    static void schemaVersion2(JsonNode object, String file, String where) throws InvalidImageException {
        JsonNode value = object.get("schemaVersion");
        if (value == null || !value.isIntegralNumber() || value.intValue() != 2 || !value.canConvertToInt()) {
            throw new InvalidImageException(file, where + " has schemaVersion "
                    + (value == null ? "(none)" : Digest.shown(value.toString())) + "; Slipway reads version 2, the only"
                    + " one OCI and Docker v2 images use (Docker schema 1 images must be converted, e.g. by pulling"
                    + " and pushing them with a current tool)");
        }
    }

    /** A document's own {@code mediaType}, when it has one, must be the one its descriptor gave. */
    static void mediaTypeMatches(JsonNode object, String expected, String file, String where) throws InvalidImageException {
        String own = optionalText(object, "mediaType", file, where);
        if (own != null && !own.equals(expected)) {
            throw new InvalidImageException(file, where + " says it is a '" + Digest.shown(own)
                    + "' but the descriptor that points to it says '" + Digest.shown(expected) + "'; refusing the"
                    + " contradiction: the layout is corrupt or was tampered with");
        }
    }

    private static InvalidImageException missing(String file, String where, String field, String kind) {
        return new InvalidImageException(file, "in " + where + ", '" + field + "' is missing or is not " + kind
                + "; the layout is corrupt: copy or pull the image again");
    }
}
