package dev.slipway.source;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** How a tarball is compressed, recognised by its first bytes, never by its file name. */
enum Compression {
    NONE("tar archive", new byte[0]),
    GZIP("gzip-compressed tar archive", new byte[] {0x1F, (byte) 0x8B}),
    XZ("xz-compressed tar archive", new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0}),
    ZSTD("zstd-compressed tar archive", new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD}),
    BZIP2("bzip2-compressed tar archive", new byte[] {'B', 'Z', 'h'});

    /** xz decoder memory limit in KiB: xz -9 needs 65 MiB; a bigger demand is hostile. */
    private static final int XZ_MEMORY_LIMIT_KIB = 1 << 20;

    private final String description;
    private final byte[] magic;

    Compression(String description, byte[] magic) {
        this.description = description;
        this.magic = magic;
    }

    String description() {
        return description;
    }

    /** Peeks at the start of {@code in} (which must support mark) without consuming it. */
    static Compression detect(BufferedInputStream in) throws IOException {
        in.mark(16);
        byte[] head = in.readNBytes(8);
        in.reset();
        for (Compression c : values()) {
            if (c != NONE && head.length >= c.magic.length
                    && Arrays.equals(head, 0, c.magic.length, c.magic, 0, c.magic.length)) {
                return c;
            }
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            throw new CorruptArchiveException(null, "this is a zip file, not a tarball; Slipway reads tar archives"
                    + " (plain, gzip, xz, zstd or bzip2): repack it with tar");
        }
        if (head.length >= 4 && head[0] == 0x04 && head[1] == 0x22 && head[2] == 0x4D && head[3] == 0x18) {
            throw new CorruptArchiveException(null, "this is lz4-compressed; Slipway reads plain, gzip, xz, zstd or"
                    + " bzip2 tarballs: recompress it (e.g. lz4 -dc | zstd)");
        }
        return NONE;
    }

    /** The decompressed stream; its read errors become {@link CompressedDataException}s. */
    InputStream open(InputStream in) throws IOException {
        try {
            InputStream decoded = switch (this) {
                case NONE -> in;
                case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
                case XZ -> XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true)
                        .setMemoryLimitKiB(XZ_MEMORY_LIMIT_KIB).get();
                case ZSTD -> new ZstdCompressorInputStream(in);
                case BZIP2 -> new BZip2CompressorInputStream(in, true);
            };
            return this == NONE ? decoded : new Guarded(decoded, this);
        } catch (IOException e) {
            throw new CompressedDataException(this, e);
        }
    }

    /** A failure of the decompressor: the compressed data is damaged or truncated. */
    static final class CompressedDataException extends IOException {
        private static final long serialVersionUID = 1L;

        CompressedDataException(Compression compression, Throwable cause) {
            super("the " + compression.name().toLowerCase(java.util.Locale.ROOT)
                    + " data is damaged or truncated (" + describe(cause) + ")", cause);
        }

        private static String describe(Throwable cause) {
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
            return cause instanceof java.io.EOFException ? "it ends early" : cause.getClass().getSimpleName();
        }
    }

    private static final class Guarded extends FilterInputStream {
        private final Compression compression;

        Guarded(InputStream in, Compression compression) {
            super(in);
            this.compression = compression;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new CompressedDataException(compression, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new CompressedDataException(compression, e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw new CompressedDataException(compression, e);
            }
        }
    }
}
