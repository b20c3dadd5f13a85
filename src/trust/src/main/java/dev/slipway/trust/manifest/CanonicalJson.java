package dev.slipway.trust.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON in the manner of RFC 8785 (JCS), for the subset Slipway signs: objects, arrays,
 * strings, booleans, null and integers of at most 53 bits. Keys sorted by UTF-16 code units, no
 * whitespace, strings escaped only where JSON requires it, UTF-8. The same document gives the same
 * bytes, so a signature over them is reproducible and anyone can re-derive them.
 */
public final class CanonicalJson {

    /** The largest integer JCS writes exactly (2^53 - 1): its numbers are IEEE doubles. */
    static final long MAX_EXACT_INTEGER = (1L << 53) - 1;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private CanonicalJson() {
    }

    /** The canonical bytes of {@code node}; a fraction or an integer beyond 2^53 is refused. */
    public static byte[] write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        append(out, node);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses JSON strictly: duplicate keys and trailing content are errors, not silently resolved. */
    public static JsonNode parse(byte[] json) throws ManifestException {
        try {
            return STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ManifestException("not valid JSON: " + e.getOriginalMessage() + " (at "
                    + e.getLocation().offsetDescription() + ")");
        } catch (IOException e) {
            throw new ManifestException("not valid JSON: " + e.getMessage());
        }
    }

    /** Whether {@code json} is already in canonical form (a signed manifest must be). */
    public static boolean isCanonical(byte[] json) {
        try {
            return Arrays.equals(json, write(parse(json)));
        } catch (ManifestException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void append(StringBuilder out, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
                // String.compareTo orders by UTF-16 code units, which is JCS's order.
                fields.sort(Map.Entry.comparingByKey());
                out.append('{');
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    appendString(out, fields.get(i).getKey());
                    out.append(':');
                    append(out, fields.get(i).getValue());
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    append(out, node.get(i));
                }
                out.append(']');
            }
            case STRING -> appendString(out, node.textValue());
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            case NUMBER -> appendInteger(out, node);
            default -> throw new IllegalArgumentException("JSON node type " + node.getNodeType() + " has no canonical form");
        }
    }

    private static void appendInteger(StringBuilder out, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()
                || Math.abs(node.longValue()) > MAX_EXACT_INTEGER) {
            throw new IllegalArgumentException("the number " + node + " is not an integer of at most 53 bits;"
                    + " canonical manifests hold only those");
        }
        out.append(node.longValue());
    }

    private static void appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)))) {
                        throw new IllegalArgumentException("a string holds a lone UTF-16 surrogate at index " + i
                                + "; it has no UTF-8 form");
                    }
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
