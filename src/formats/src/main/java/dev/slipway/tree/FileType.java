package dev.slipway.tree;

/** The kinds of file an image can hold, with their {@code S_IFMT} bits. Sockets are never stored. */
public enum FileType {
    REGULAR(0100000),
    DIRECTORY(0040000),
    SYMLINK(0120000),
    CHAR_DEVICE(0020000),
    BLOCK_DEVICE(0060000),
    FIFO(0010000);

    private final int formatBits;

    FileType(int formatBits) {
        this.formatBits = formatBits;
    }

    /** The {@code S_IFMT} part of {@code st_mode}. */
    public int formatBits() {
        return formatBits;
    }

    /** Full {@code st_mode}: type bits plus permissions. */
    public int mode(Metadata metadata) {
        return formatBits | metadata.permissions();
    }
}
