package dev.slipway.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every path under a repository with its type, inode, mtime and (for files) SHA-256: equal
 * snapshots mean nothing was added, removed, rewritten or even touched.
 */
record RepositorySnapshot(Map<String, String> entries) {

    static RepositorySnapshot of(Path repository) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(repository)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                String state = attributes.fileKey() + " " + attributes.lastModifiedTime();
                if (attributes.isRegularFile()) {
                    state += " " + TestBuild.sha256(Files.readAllBytes(path));
                } else if (attributes.isDirectory()) {
                    state = "directory " + attributes.fileKey();
                }
                entries.put(repository.relativize(path).toString(), state);
            }
        }
        return new RepositorySnapshot(entries);
    }
}
