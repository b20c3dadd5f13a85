package dev.slipway.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.utils.ArchiveUtils;

/**
 * Commons Compress's tar reader with the additions Slipway needs.
 *
 * <ol>
 *   <li>It verifies every header's checksum, which Commons Compress 1.28 does not.</li>
 *   <li>It keeps the raw bytes of PAX extended headers. Commons Compress parses a PAX header by
 *       reading the header entry's data through this stream's {@code read} and then asks for the
 *       next entry through the overridable {@link #getNextEntry()}; the bytes read while the current
 *       entry is a PAX header are captured here and parsed by {@link PaxRecords} when that nested
 *       call arrives. The records of the entry just returned are {@link #records()}.</li>
 *   <li>It notices how the archive ended: at the end-of-archive marker (a zero record), or at the
 *       physical end of the data, possibly inside a header, which means the file is truncated.</li>
 *   <li>It keeps the raw header record of the entry it returns: Commons Compress 1.28 narrows
 *       header uids, gids and device numbers to {@code int}, so a base-256 gid of 4000000000 would
 *       read as -294967296 and one of 2^32 as 0; {@link TarReader} parses them from here.</li>
 *   <li>It bounds the size of metadata pseudo-entries (PAX headers, GNU long names) and the number
 *       of old-GNU sparse extension headers, which Commons Compress would otherwise hold in memory
 *       whatever their size. (The PAX 1.0 sparse map, which it reads from the entry's data, is not
 *       bounded here.)</li>
 * </ol>
 *
 * <p>Names are read as ISO-8859-1, which maps every byte to one char, so that {@link TarReader}
 * can decode them strictly as UTF-8 afterwards.
 */
final class PaxTarInputStream extends TarArchiveInputStream {

    /** Largest PAX header or GNU long name accepted (xattr values go to 64 KiB each). */
    static final int MAX_METADATA_BYTES = 16 << 20;

    /** Most old-GNU sparse extension records for one entry (21 regions each). */
    static final int MAX_SPARSE_EXTENSIONS = 1 << 16;

    private final ByteArrayOutputStream capture = new ByteArrayOutputStream();
    private Map<String, byte[]> global = new LinkedHashMap<>();
    private Map<String, byte[]> local = new LinkedHashMap<>();
    private PaxRecords records = PaxRecords.NONE;
    private long metadataBytes;
    private int depth;
    private boolean endMarker;
    private long shortRecordBytes = -1;
    private boolean awaitingHeader;
    private int extensionRecords;
    private byte[] header;

    PaxTarInputStream(InputStream in) {
        super(in, StandardCharsets.ISO_8859_1.name());
    }

    @Override
    public TarArchiveEntry getNextEntry() throws IOException {
        TarArchiveEntry previous = getCurrentEntry();
        if (depth == 0) {
            local = new LinkedHashMap<>();
            records = PaxRecords.NONE;
        } else if (previous != null && (previous.isPaxHeader() || previous.isGlobalPaxHeader())) {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // drain the rest of the extended header through the capture
            }
            Map<String, byte[]> parsed;
            try {
                parsed = PaxRecords.parse(capture.toByteArray());
            } catch (IllegalArgumentException e) {
                throw new IOException("malformed PAX extended header: " + e.getMessage(), e);
            }
            (previous.isGlobalPaxHeader() ? global : local).putAll(parsed);
        }
        capture.reset();
        metadataBytes = 0;
        depth++;
        awaitingHeader = true;
        extensionRecords = 0;
        TarArchiveEntry next;
        try {
            next = super.getNextEntry();
        } finally {
            depth--;
            awaitingHeader = false;
        }
        if (depth == 0 && next != null) {
            Map<String, byte[]> effective = new LinkedHashMap<>(global);
            effective.putAll(local);
            records = new PaxRecords(effective);
        }
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        TarArchiveEntry current = getCurrentEntry();
        if (n > 0 && current != null) {
            boolean pax = current.isPaxHeader() || current.isGlobalPaxHeader();
            if (pax || current.isGNULongNameEntry() || current.isGNULongLinkEntry()) {
                metadataBytes += n;
                if (metadataBytes > MAX_METADATA_BYTES) {
                    throw new IOException("a " + (pax ? "PAX extended header" : "GNU long name")
                            + " is larger than " + (MAX_METADATA_BYTES >> 20) + " MiB, which no honest archive needs");
                }
                if (pax) {
                    capture.write(buffer, offset, n);
                }
            }
        }
        return n;
    }

    @Override
    protected byte[] readRecord() throws IOException {
        long before = getBytesRead();
        byte[] record = super.readRecord();
        if (record == null) {
            shortRecordBytes = getBytesRead() - before;
        } else if (awaitingHeader) {
            // The first record a getNextEntry call reads is its header; the innermost call's
            // header, assigned last, is the real entry's. Commons Compress does not verify
            // header checksums (only fields it cannot parse fail), so that is done here.
            awaitingHeader = false;
            if (!ArchiveUtils.isArrayZero(record, record.length) && !TarUtils.verifyCheckSum(record)) {
                throw new IOException("a header's checksum does not match its contents");
            }
            header = record.clone();
        } else if (depth > 0 && ++extensionRecords > MAX_SPARSE_EXTENSIONS) {
            throw new IOException("an old GNU sparse file has more than " + MAX_SPARSE_EXTENSIONS
                    + " extension headers, which no honest archive needs");
        }
        return record;
    }

    @Override
    protected boolean isEOFRecord(byte[] record) {
        boolean eof = super.isEOFRecord(record);
        if (eof && record != null) {
            endMarker = true;
        }
        return eof;
    }

    /**
     * Skips the data of a GNU dump directory ('D'), which Commons Compress leaves unread because
     * the entry is a directory, and would then parse as the next header.
     */
    void skipDumpDirectoryData(TarArchiveEntry entry) throws IOException {
        long padded = (entry.getSize() + getRecordSize() - 1) / getRecordSize() * getRecordSize();
        in.skipNBytes(padded);
        count(padded);
    }

    /** The PAX records (global, then local) of the entry last returned by {@link #getNextEntry()}. */
    PaxRecords records() {
        return records;
    }

    /** The raw 512-byte header record of the entry last returned by {@link #getNextEntry()}. */
    byte[] header() {
        return header;
    }

    /** True once the end-of-archive marker (a record of zeros) was read. */
    boolean sawEndMarker() {
        return endMarker;
    }

    /**
     * How many bytes of a header record were read before the data ended: -1 while the data has
     * not ended early, 0 when it ended at a record boundary, more when it ended inside a header.
     */
    long shortRecordBytes() {
        return shortRecordBytes;
    }
}
