package dev.slipway.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a profile and the files it {@code extends}, leaf first, following each {@code extends}
 * relative to the file that says it, until a file without one. Each file is parsed (values by
 * Jackson, key positions by {@link PositionIndex}) and read into a {@link Layer} before the next is
 * opened, so an error is reported in the first file that has it.
 */
final class ChainLoader {

    /** Dates become objects rather than strings, so a date where a string is wanted is a type error. */
    private static final TomlMapper TOML = TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();

    private ChainLoader() {
    }

    /** The layers of the chain, base first. */
    static List<Layer> load(Path leaf) throws ProfileException, IOException {
        Path leafDirectory = leaf.toAbsolutePath().normalize().getParent();
        List<Layer> layers = new ArrayList<>();
        List<Path> realPaths = new ArrayList<>();
        Path next = leaf.normalize();
        Origin extendsAt = null;
        while (next != null) {
            Path absolute = next.toAbsolutePath().normalize();
            if (extendsAt != null && !Files.isRegularFile(absolute)) {
                throw new ProfileException(extendsAt, Schema.EXTENDS, "'" + Schema.EXTENDS + "' names " + absolute
                        + (Files.exists(absolute) ? ", which is not a regular file" : ", which does not exist"));
            }
            Path real = absolute.toRealPath();
            if (realPaths.contains(real)) {
                throw cycle(layers, absolute, extendsAt, leafDirectory);
            }
            realPaths.add(real);
            Layer layer = LayerReader.read(read(next, absolute));
            layers.add(layer);
            JsonNode base = layer.file().tree().get(Schema.EXTENDS);
            extendsAt = layer.file().at(Schema.EXTENDS);
            next = base == null ? null : parentOf(next).resolve(base.textValue()).normalize();
        }
        return List.copyOf(layers.reversed());
    }

    private static ProfileException cycle(List<Layer> layers, Path again, Origin extendsAt, Path leafDirectory) {
        String chain = layers.stream().map(l -> l.file().absolute()).map(p -> RelativePath.of(leafDirectory, p))
                .collect(Collectors.joining(" -> "));
        return new ProfileException(extendsAt, Schema.EXTENDS,
                "'" + Schema.EXTENDS + "' makes a cycle: " + chain + " -> " + RelativePath.of(leafDirectory, again));
    }

    private static Path parentOf(Path file) {
        Path parent = file.getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static SourceFile read(Path path, Path absolute) throws ProfileException, IOException {
        byte[] bytes = Files.readAllBytes(absolute);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProfileException(path, 0, "", "not valid UTF-8, which TOML requires", null);
        }
        PositionIndex index = PositionIndex.of(text);
        if (index.redefinition().isPresent()) {
            throw redefined(path, index, index.redefinition().get());
        }
        return new SourceFile(path, absolute, bytes, parse(path, text), index);
    }

    /** A key set twice; for a list set with '=' and edited with add/remove, say that. */
    private static ProfileException redefined(Path path, PositionIndex index, PositionIndex.Redefinition twice) {
        String key = twice.key();
        boolean list = Schema.ROOT.fieldAt("", key).map(f -> f.type().isList()).orElse(false);
        if (list) {
            return new ProfileException(path, twice.line(), key, "'" + key + "' is both set with '=' and edited with "
                    + "add/remove in one file (lines " + twice.firstLine() + " and " + twice.line()
                    + "); use one or the other", null);
        }
        return new ProfileException(path, twice.line(), key, "TOML syntax error: '" + key
                + "' is defined twice (first on line " + twice.firstLine() + ")", null);
    }

    private static ObjectNode parse(Path path, String text) throws ProfileException {
        try {
            JsonNode tree = TOML.readTree(text);
            if (!(tree instanceof ObjectNode object)) {
                throw new ProfileException(path, 0, "", "TOML document did not parse to a table", null);
            }
            return object;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            int line = where == null ? 0 : Math.max(0, where.getLineNr());
            String column = where == null || where.getColumnNr() <= 0 ? "" : " (column " + where.getColumnNr() + ")";
            throw new ProfileException(path, line, "", "TOML syntax error: " + e.getOriginalMessage() + column, null);
        }
    }
}
