package dev.slipway.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.trust.manifest.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The channel metadata's canonical JSON, and one refusal per way it can be wrong. */
class ChannelMetadataJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SHA = "ab".repeat(32);
    static final ChannelMetadata.Release RELEASE = new ChannelMetadata.Release("aks-node", "0.2.0",
            "slipway/aks-node/x86_64", 3, "images/aks-node/0.2.0", 2286, SHA);
    static final ChannelMetadata METADATA = new ChannelMetadata(1, "stable", 4, 1_766_620_800L, 1_767_225_600L, RELEASE,
            List.of(new ChannelMetadata.Wave(1_766_620_800L, 10), new ChannelMetadata.Wave(1_766_707_200L, 100)));

    @Test
    void canonicalBytes() {
        assertEquals("{\"channel\":\"stable\",\"expires\":1767225600,\"format\":1,\"issued\":1766620800,\"release\":"
                + "{\"compatibility\":\"slipway/aks-node/x86_64\",\"image\":\"aks-node\",\"manifest-sha256\":\"" + SHA
                + "\",\"manifest-size\":2286,\"path\":\"images/aks-node/0.2.0\",\"security-version\":3,\"version\":"
                + "\"0.2.0\"},\"type\":\"slipway/channel\",\"version\":4,\"waves\":[{\"percent\":10,\"start\":1766620800},"
                + "{\"percent\":100,\"start\":1766707200}]}", new String(METADATA.toJson(), StandardCharsets.UTF_8));
        assertTrue(CanonicalJson.isCanonical(METADATA.toJson()));
    }

    @Test
    void roundTrip() throws ChannelException {
        assertEquals(METADATA, ChannelMetadata.parse(METADATA.toJson()));
        ChannelMetadata noWaves = new ChannelMetadata(1, "a", 1, 0, 1, RELEASE, List.of());
        assertEquals(noWaves, ChannelMetadata.parse(noWaves.toJson()));
        assertArrayEquals(noWaves.toJson(), ChannelMetadata.parse(noWaves.toJson()).toJson());
    }

    @Test
    void notCanonical() {
        byte[] spaced = new String(METADATA.toJson(), StandardCharsets.UTF_8).replace(",\"format\"", ", \"format\"")
                .getBytes(StandardCharsets.UTF_8);
        assertRefused(spaced, "not in canonical JSON form");
    }

    @Test
    void notJson() {
        assertRefused("{\"channel\":".getBytes(StandardCharsets.UTF_8), "the channel metadata is not valid JSON");
        assertRefused("[]".getBytes(StandardCharsets.UTF_8), "the channel metadata must be a JSON object");
    }

    @Test
    void duplicateKey() {
        String json = new String(METADATA.toJson(), StandardCharsets.UTF_8);
        assertRefused(("{\"channel\":\"beta\"," + json.substring(1)).getBytes(StandardCharsets.UTF_8),
                "Duplicate field 'channel'");
    }

    @Test
    void unknownField() throws IOException {
        assertRefused(edit(root -> root.put("mirror", "x")), "mirror is not a field of channel metadata format 1");
        assertRefused(edit(root -> release(root).put("url", "x")), "release.url is not a field of channel metadata");
        assertRefused(edit(root -> wave(root, 1).put("until", 5)), "waves[1].until is not a field");
    }

    @Test
    void wrongTypeOrFormat() throws IOException {
        assertRefused(edit(root -> root.put("type", "slipway/image-manifest")),
                "type is \"slipway/image-manifest\", not \"slipway/channel\": this is not channel metadata");
        assertRefused(edit(root -> root.put("format", 2)), "format is 2, not 1, the channel metadata format");
        assertRefused(edit(root -> root.put("version", "4")), "version is \"4\", not a whole number 0 or more");
        assertRefused(edit(root -> root.put("version", -1)), "version is -1, not a whole number 0 or more");
        assertRefused(edit(root -> root.put("version", 0)), "version is 0, not 1 or more");
        assertRefused(edit(root -> root.put("release", "x")), "release is \"x\", not a JSON object");
        assertRefused(edit(root -> root.put("waves", 3)), "waves is 3, not a list");
        assertRefused(edit(root -> root.remove("expires")), "expires is missing");
        assertRefused(edit(root -> release(root).remove("manifest-size")), "release.manifest-size is missing");
    }

    @Test
    void badNames() throws IOException {
        assertRefused(edit(root -> root.put("channel", "../stable")), "channel name \"../stable\" is not 1 to 64");
        assertRefused(edit(root -> root.put("channel", "Stable")), "channel name \"Stable\"");
        assertRefused(edit(root -> release(root).put("image", "aks/node")), "release: image name \"aks/node\"");
        assertRefused(edit(root -> release(root).put("version", "../x")), "release: image version \"../x\"");
        assertRefused(edit(root -> release(root).put("path", "images/aks-node/../../etc")),
                "release.path is \"images/aks-node/../../etc\", but the release aks-node 0.2.0 lives in"
                        + " \"images/aks-node/0.2.0\"");
        assertRefused(edit(root -> release(root).put("compatibility", "")), "release.compatibility is \"\"");
    }

    @Test
    void expiresNotAfterIssued() throws IOException {
        assertRefused(edit(root -> root.put("expires", 1_766_620_800L)),
                "expires (2025-12-25T00:00:00Z) is not after issued (2025-12-25T00:00:00Z)");
    }

    @Test
    void wavesOutOfOrder() throws IOException {
        assertRefused(edit(root -> wave(root, 1).put("start", 1_766_620_800L)),
                "waves[1].start (2025-12-25T00:00:00Z) is not after waves[0].start (2025-12-25T00:00:00Z)");
    }

    @Test
    void wavePercentDecreasing() throws IOException {
        assertRefused(edit(root -> wave(root, 1).put("percent", 5)),
                "waves[1].percent (5) is below waves[0].percent (10): a rollout never shrinks");
    }

    @Test
    void wavePercentAbove100() throws IOException {
        assertRefused(edit(root -> wave(root, 1).put("percent", 101)), "waves[1].percent is 101, not 0 to 100");
    }

    @Test
    void aPlanThatHoldsBelow100IsAllowed() throws ChannelException {
        ChannelMetadata held = new ChannelMetadata(1, "stable", 1, 0, 10, RELEASE,
                List.of(new ChannelMetadata.Wave(0, 50)));
        assertEquals(held, ChannelMetadata.parse(held.toJson()));
    }

    @Test
    void badSha256() throws IOException {
        assertRefused(edit(root -> release(root).put("manifest-sha256", SHA.toUpperCase())),
                "release.manifest-sha256 is \"" + SHA.toUpperCase() + "\", not a SHA-256 digest in lowercase hex");
        assertRefused(edit(root -> release(root).put("manifest-sha256", "ab")), "not a SHA-256 digest");
    }

    private static byte[] edit(Consumer<ObjectNode> change) throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(METADATA.toJson());
        change.accept(root);
        return CanonicalJson.write(root);
    }

    private static ObjectNode release(ObjectNode root) {
        return (ObjectNode) root.get("release");
    }

    private static ObjectNode wave(ObjectNode root, int index) {
        return (ObjectNode) ((ArrayNode) root.get("waves")).get(index);
    }

    private static void assertRefused(byte[] json, String expected) {
        ChannelException e = assertThrows(ChannelException.class, () -> ChannelMetadata.parse(json));
        assertEquals(ChannelException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
