package dev.slipway.source;

import dev.slipway.tree.Content;
import dev.slipway.tree.InvalidEntryException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * Walks the entries of a tar stream, giving each its name and link target as strict UTF-8 (from
 * the raw PAX records when there are any) and turning every read failure into a
 * {@link CorruptArchiveException} that says where the archive broke.
 */
final class TarReader implements Closeable {

    /** One archive member: its names as Slipway uses them, the parsed header and its PAX records. */
    record Entry(String name, String linkName, TarArchiveEntry header, byte[] rawHeader, PaxRecords pax) {

        /** Bytes of file data the entry holds, sparse holes included. */
        long dataSize() {
            return header.isSparse() ? header.getRealSize() : header.getSize();
        }

        long uid() throws InvalidEntryException {
            return pax.has("uid") ? header.getLongUserId() : number("uid", 108);
        }

        long gid() throws InvalidEntryException {
            return pax.has("gid") ? header.getLongGroupId() : number("gid", 116);
        }

        long devMajor() throws InvalidEntryException {
            return pax.has("SCHILY.devmajor") ? header.getDevMajor() : number("devmajor", 329);
        }

        long devMinor() throws InvalidEntryException {
            return pax.has("SCHILY.devminor") ? header.getDevMinor() : number("devminor", 337);
        }

        /** An 8-byte octal or base-256 header field, at full width (Commons Compress narrows it). */
        private long number(String field, int offset) throws InvalidEntryException {
            try {
                return TarUtils.parseOctalOrBinary(rawHeader, offset, 8);
            } catch (IllegalArgumentException e) {
                throw new InvalidEntryException(name, "the header's " + field + " field is not a number: " + e.getMessage());
            }
        }
    }

    private final PaxTarInputStream in;
    private String lastEntry;

    TarReader(InputStream decompressed) {
        this.in = new PaxTarInputStream(decompressed);
    }

    /** The next entry, or {@code null} after the end-of-archive marker. */
    Entry next() throws IOException {
        TarArchiveEntry header;
        try {
            header = in.getNextEntry();
        } catch (IOException | RuntimeException e) {
            throw inHeader(e);
        }
        if (header == null) {
            if (!in.sawEndMarker()) {
                throw truncatedHeader(null);
            }
            return null;
        }
        PaxRecords pax = in.records();
        String raw = header.getName();
        String name = paxName(pax, "GNU.sparse.name");
        if (name == null) {
            name = paxName(pax, "path");
        }
        if (name == null) {
            name = Utf8.fromLatin1(raw);
            if (name == null) {
                throw notUtf8(escape(raw), "its name");
            }
        }
        String link = pax.text(name, "linkpath");
        if (link == null) {
            link = Utf8.fromLatin1(header.getLinkName());
            if (link == null) {
                throw notUtf8(name, "its link target '" + escape(header.getLinkName()) + "'");
            }
        }
        lastEntry = name;
        return new Entry(name, link, header, in.header(), pax);
    }

    /** Copies the current entry's data into the spool. */
    Content spool(Entry entry, Spool spool) throws IOException {
        try {
            return spool.append(in, entry.dataSize());
        } catch (Spool.WriteException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            Compression.CompressedDataException compressed = compressedCause(e);
            if (compressed != null) {
                throw new CorruptArchiveException(entry.name(), "the archive is damaged inside entry '"
                        + entry.name() + "': " + compressed.getMessage() + "; download it again", e);
            }
            if (e instanceof EOFException || String.valueOf(e.getMessage()).contains("Truncated")) {
                throw new CorruptArchiveException(entry.name(), "the archive ends inside entry '" + entry.name()
                        + "': the file is truncated; download it again", e);
            }
            if (e instanceof CorruptArchiveException) {
                throw (CorruptArchiveException) e;
            }
            throw new CorruptArchiveException(entry.name(), "cannot read the data of entry '" + entry.name()
                    + "': " + e.getMessage() + "; the archive is damaged, download it again", e);
        }
    }

    /** A name from a PAX record, or {@code null}; names the raw value when it is not UTF-8. */
    private static String paxName(PaxRecords pax, String keyword) throws InvalidEntryException {
        byte[] value = pax.raw(keyword);
        if (value == null || value.length == 0) {
            return null;
        }
        String name = Utf8.decodeOrNull(value);
        if (name == null) {
            throw notUtf8(Utf8.escape(value), "its name (PAX record '" + keyword + "')");
        }
        return name;
    }

    /** Skips the listing a GNU dump directory carries as data. */
    void skipDumpDirectory(Entry entry) throws IOException {
        try {
            in.skipDumpDirectoryData(entry.header());
        } catch (IOException e) {
            throw new CorruptArchiveException(entry.name(), "the archive ends inside entry '" + entry.name()
                    + "': the file is truncated; download it again", e);
        }
    }

    private CorruptArchiveException inHeader(Exception e) {
        Compression.CompressedDataException compressed = compressedCause(e);
        if (compressed != null) {
            return new CorruptArchiveException(lastEntry, "the archive is damaged " + after() + ": "
                    + compressed.getMessage() + "; download it again", e);
        }
        if (in.shortRecordBytes() >= 0 || e instanceof EOFException
                || String.valueOf(e.getMessage()).contains("Truncated")) {
            return truncatedHeader(e);
        }
        return new CorruptArchiveException(lastEntry, "the archive is corrupt " + after() + " (" + e.getMessage()
                + "): " + (lastEntry == null ? "this is not a tar archive (plain, gzip, xz, zstd or bzip2), or it is"
                        : "the file is") + " damaged; download it again", e);
    }

    private CorruptArchiveException truncatedHeader(Exception cause) {
        String where;
        if (lastEntry == null) {
            where = in.shortRecordBytes() == 0 ? "the archive is empty: it has no entries and no end-of-archive marker"
                    : "the archive ends inside its first header";
        } else if (in.shortRecordBytes() > 0) {
            where = "the archive ends inside the header that follows entry '" + lastEntry + "'";
        } else {
            where = "the archive ends at or right after entry '" + lastEntry + "', without tar's end-of-archive marker";
        }
        return new CorruptArchiveException(lastEntry, where + ": the file is truncated; download it again", cause);
    }

    private String after() {
        return lastEntry == null ? "at its first header" : "after entry '" + lastEntry + "'";
    }

    private static InvalidEntryException notUtf8(String entry, String what) {
        return new InvalidEntryException(entry, what + " is not valid UTF-8; Slipway handles file names as"
                + " UTF-8 only: rename it, or pack the archive in a UTF-8 locale");
    }

    private static String escape(String latin1) {
        return Utf8.escape(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Compression.CompressedDataException compressedCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Compression.CompressedDataException c) {
                return c;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
