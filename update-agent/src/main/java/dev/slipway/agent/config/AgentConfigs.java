package dev.slipway.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads agent.toml: {@code /etc/slipway/agent.toml} on a node ({@link #DEFAULT_PATH}). */
public final class AgentConfigs {

    public static final Path DEFAULT_PATH = Path.of("/etc/slipway/agent.toml");

    /** Dates parse to date objects, so a date where a string belongs is reported as a wrong type. */
    private static final TomlMapper TOML = TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();

    private AgentConfigs() {
    }

    /**
     * Reads and checks {@code file}: TOML syntax, no unknown keys, each value's type and rule, the required keys.
     *
     * @throws AgentConfigException naming the file, the line and the key of the first problem
     * @throws IOException          when the file cannot be read
     */
    public static AgentConfig load(Path file) throws AgentConfigException, IOException {
        return parse(file, Files.readAllBytes(file));
    }

    /** As {@link #load}, for bytes already read; {@code file} names them in messages. */
    public static AgentConfig parse(Path file, byte[] bytes) throws AgentConfigException {
        String text = decode(file, bytes);
        KeyLines lines = KeyLines.of(text);
        if (lines.duplicate().isPresent()) {
            KeyLines.Duplicate twice = lines.duplicate().get();
            throw new AgentConfigException(file, twice.line(), twice.key(), "TOML syntax error: '" + twice.key()
                    + "' is defined twice (first on line " + twice.firstLine() + ")", null);
        }
        return ConfigReader.read(new ConfigFile(file, lines), tree(file, text));
    }

    private static ObjectNode tree(Path file, String text) throws AgentConfigException {
        try {
            JsonNode tree = TOML.readTree(text);
            if (tree instanceof ObjectNode object) {
                return object;
            }
            // An empty document: Jackson gives no tree; it is a table without keys.
            return TOML.createObjectNode();
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            int line = where == null ? 0 : Math.max(0, where.getLineNr());
            String column = where == null || where.getColumnNr() <= 0 ? "" : " (column " + where.getColumnNr() + ")";
            throw new AgentConfigException(file, line, "", "TOML syntax error: " + e.getOriginalMessage() + column,
                    null);
        }
    }

    /** UTF-8, as TOML requires; a bad byte is reported at its line. */
    private static String decode(Path file, byte[] bytes) throws AgentConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new AgentConfigException(file, line, "", "not valid UTF-8 (byte " + (in.position() + 1)
                    + "), which TOML requires", null);
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
