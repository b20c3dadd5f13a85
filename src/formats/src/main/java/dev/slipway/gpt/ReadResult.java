package dev.slipway.gpt;

import java.util.List;

/**
 * A table read from disk, which copy it came from, and what else was found wrong.
 *
 * @param table    the table as the copy used describes it
 * @param source   the copy used: the primary whenever it is valid
 * @param problems what was wrong with the other copy, with the protective MBR, or between the two
 *                 copies (say, an interrupted update left them different); empty for a clean disk.
 *                 {@link PartitionTable#updateInPlace} rewrites both copies, which repairs the first
 *                 and last kind; the MBR is only written by {@link PartitionTable#write}.
 */
public record ReadResult(PartitionTable table, Copy source, List<String> problems) {

    /** The two copies of a GPT. */
    public enum Copy {
        /** Header at LBA 1, array after it. */
        PRIMARY,
        /** Header at the last LBA, array before it. */
        BACKUP
    }

    public ReadResult {
        problems = List.copyOf(problems);
    }

    /** True when both copies and the protective MBR are valid and the copies agree. */
    public boolean clean() {
        return problems.isEmpty();
    }
}
