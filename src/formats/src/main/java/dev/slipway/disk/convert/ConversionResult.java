package dev.slipway.disk.convert;

import dev.slipway.disk.DiskFormat;

import java.nio.file.Path;

/**
 * What a conversion wrote.
 *
 * @param file          the output
 * @param format        its format
 * @param virtualSize   the disk's size in bytes
 * @param fileSize      the output's length (its apparent size)
 * @param bytesRead     bytes of the input's extents read
 * @param bytesWritten  disk bytes written (the rest are holes), metadata not counted
 */
public record ConversionResult(Path file, DiskFormat format, long virtualSize, long fileSize, long bytesRead,
                               long bytesWritten) {
}
