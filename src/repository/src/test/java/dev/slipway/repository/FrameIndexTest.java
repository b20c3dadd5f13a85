package dev.slipway.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index's JSON form, and one refusal per way an unsigned index can be wrong. */
class FrameIndexTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long DATA_SIZE = 5 * 4096;

    /** Two 8 KiB frames and a 4 KiB one. */
    private static final FrameIndex INDEX = new FrameIndex(1, 8192, DATA_SIZE, List.of(
            new FrameIndex.Frame(0, 0, 8192, 0, 100, "11".repeat(32)),
            new FrameIndex.Frame(1, 8192, 8192, 100, 200, "22".repeat(32)),
            new FrameIndex.Frame(2, 16384, 4096, 300, 50, "33".repeat(32))));

    @Test
    void canonicalJson() {
        FrameIndex one = new FrameIndex(1, 4096, 4096, List.of(new FrameIndex.Frame(0, 0, 4096, 0, 61, "ab".repeat(32))));
        assertEquals("{\"data-size\":4096,\"format\":1,\"frame-size\":4096,\"frames\":[{\"data-length\":4096,"
                + "\"data-offset\":0,\"payload-length\":61,\"payload-offset\":0,\"sha256\":\"" + "ab".repeat(32)
                + "\"}],\"type\":\"slipway/usr-frame-index\"}", new String(one.toJson(), StandardCharsets.UTF_8));
    }

    @Test
    void roundTrip() throws PayloadException {
        assertEquals(INDEX, FrameIndex.parse(INDEX.toJson(), DATA_SIZE, 3));
        assertEquals(350, INDEX.payloadSize());
    }

    @Test
    void unknownField() throws IOException {
        ObjectNode json = json();
        json.put("signature", "none");
        assertRefused(json, "signature is not a field of frame index format 1");
    }

    @Test
    void unknownFrameField() throws IOException {
        ObjectNode json = json();
        frame(json, 1).put("compression", "zstd");
        assertRefused(json, "frames[1].compression is not a field of frame index format 1");
    }

    @Test
    void gapBetweenFrames() throws IOException {
        ObjectNode json = json();
        frame(json, 1).put("data-offset", 12288);
        assertRefused(json, "frames[1].data-offset is 12288, expected 8192: frames must follow each other without"
                + " gaps or overlaps");
    }

    @Test
    void overlappingFrames() throws IOException {
        ObjectNode json = json();
        frame(json, 1).put("data-offset", 4096);
        assertRefused(json, "frames[1].data-offset is 4096, expected 8192");
    }

    @Test
    void framesStopShortOfTheDataSize() throws IOException {
        ObjectNode json = json();
        ((ArrayNode) json.get("frames")).remove(2);
        assertRefused(json, "frames cover data [0, 16384), not [0, 20480) (data-size)");
    }

    @Test
    void framesBeyondTheDataSize() throws IOException {
        ObjectNode json = json();
        ObjectNode extra = ((ArrayNode) json.get("frames")).addObject();
        extra.put("data-offset", 20480).put("data-length", 4096).put("payload-offset", 350).put("payload-length", 10)
                .put("sha256", "44".repeat(32));
        assertRefused(json, 4, "frames[3] starts at data offset 20480 but frames 0..2 already cover data-size 20480");
    }

    @Test
    void frameShorterThanTheFrameSize() throws IOException {
        ObjectNode json = json();
        frame(json, 1).put("data-length", 4096);
        assertRefused(json, "frames[1].data-length is 4096, expected 8192 (frame-size)");
    }

    @Test
    void lastFrameLongerThanTheRest() throws IOException {
        ObjectNode json = json();
        frame(json, 2).put("data-length", 8192);
        assertRefused(json, "frames[2].data-length is 8192, expected 4096 (the rest of data-size 20480)");
    }

    @Test
    void frameLongerThanTheFrameSize() throws IOException {
        ObjectNode json = json();
        frame(json, 0).put("data-length", 1L << 40);
        assertRefused(json, "frames[0].data-length is 1099511627776, more than frame-size 8192");
    }

    @Test
    void frameSizeNotWholeBlocks() throws IOException {
        ObjectNode json = json();
        json.put("frame-size", 6000);
        assertRefused(json, "frame-size is 6000, not a multiple of 4096 from 4096 to 16777216");
    }

    @Test
    void frameSizeAbove16MiB() throws IOException {
        ObjectNode json = json();
        json.put("frame-size", 32 << 20);
        assertRefused(json, "frame-size is 33554432, not a multiple of 4096 from 4096 to 16777216");
    }

    @Test
    void dataSizeOtherThanTheManifests() {
        PayloadException e = assertThrows(PayloadException.class, () -> FrameIndex.parse(INDEX.toJson(), 24576, 10));
        assertEquals("data-size is 20480, but the signed manifest says 24576", e.getMessage());
    }

    @Test
    void moreFramesThanAllowed() {
        PayloadException e = assertThrows(PayloadException.class, () -> FrameIndex.parse(INDEX.toJson(), DATA_SIZE, 2));
        assertEquals("frames has 3 entries, more than the 2 allowed", e.getMessage());
    }

    @Test
    void gapBetweenCompressedFrames() throws IOException {
        ObjectNode json = json();
        frame(json, 1).put("payload-offset", 101);
        assertRefused(json, "frames[1].payload-offset is 101, expected 100: compressed frames must follow each other");
    }

    @Test
    void compressedFrameLongerThanZstdEverNeeds() throws IOException {
        ObjectNode json = json();
        frame(json, 2).put("payload-length", 5000);
        assertRefused(json, "frames[2].payload-length is 5000, more than the 4174 bytes zstd needs at worst for 4096");
    }

    @Test
    void digestNotLowercaseHex() throws IOException {
        ObjectNode json = json();
        frame(json, 2).put("sha256", "33".repeat(31) + "3G");
        assertRefused(json, "frames[2].sha256 is \"" + "33".repeat(31) + "3G\", not a SHA-256 digest in lowercase hex");
    }

    @Test
    void missingField() throws IOException {
        ObjectNode json = json();
        frame(json, 0).remove("sha256");
        assertRefused(json, "frames[0].sha256 is missing");
    }

    @Test
    void numberAsString() throws IOException {
        ObjectNode json = json();
        frame(json, 0).put("data-offset", "0");
        assertRefused(json, "frames[0].data-offset is \"0\", not a whole number 0 or more");
    }

    @Test
    void otherFormat() throws IOException {
        ObjectNode json = json();
        json.put("format", 2);
        assertRefused(json, "format is 2, not 1, the frame index format this Slipway reads");
    }

    @Test
    void otherDocument() throws IOException {
        ObjectNode json = json();
        json.put("type", "slipway/image-manifest");
        assertRefused(json, "type is \"slipway/image-manifest\", not \"slipway/usr-frame-index\"");
    }

    @Test
    void duplicateKey() {
        byte[] json = new String(INDEX.toJson(), StandardCharsets.UTF_8).replace("{\"data-size\":20480,",
                "{\"data-size\":20480,\"data-size\":20480,").getBytes(StandardCharsets.UTF_8);
        PayloadException e = assertThrows(PayloadException.class, () -> FrameIndex.parse(json, DATA_SIZE, 10));
        assertTrue(e.getMessage().startsWith("the frame index is not valid JSON: Duplicate field 'data-size'"),
                e.getMessage());
    }

    private static ObjectNode json() throws IOException {
        return (ObjectNode) MAPPER.readTree(INDEX.toJson());
    }

    private static ObjectNode frame(JsonNode json, int number) {
        return (ObjectNode) json.get("frames").get(number);
    }

    private static void assertRefused(JsonNode json, String expected) throws IOException {
        assertRefused(json, 10, expected);
    }

    private static void assertRefused(JsonNode json, int maxFrames, String expected) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(json);
        PayloadException e = assertThrows(PayloadException.class, () -> FrameIndex.parse(bytes, DATA_SIZE, maxFrames));
        assertTrue(e.getMessage().startsWith(expected), () -> "message: " + e.getMessage());
    }
}
