/**
 * GUID Partition Tables (UEFI spec 2.x, chapter 5), written and read in pure Java so that both the
 * image builder and the on-host update agent use the same code.
 *
 * <p>{@link dev.slipway.gpt.PartitionTable} is the table: {@code create}, {@code read} (primary copy,
 * or the backup when the primary is damaged, with a {@link dev.slipway.gpt.ReadResult} saying which),
 * {@code withSlot}/{@code withAttributes}, {@code write} (a whole new table) and {@code updateInPlace}
 * (both arrays and headers only, backup first). Reads go through a {@link dev.slipway.gpt.PositionalReader}
 * and in-place updates through a {@link dev.slipway.gpt.DiskWriter}, so the update agent can use its own
 * disk layer; both have {@code of(FileChannel)}. {@link dev.slipway.gpt.LayoutPlanner} turns
 * {@link dev.slipway.gpt.PartitionRequest}s into a table with aligned partitions;
 * {@link dev.slipway.gpt.FlatcarLayout} holds Flatcar's partition numbers, labels and GUIDs.
 *
 * <p>On-disk structures are records with a named constant for every field offset:
 * {@link dev.slipway.gpt.GptHeader}, {@link dev.slipway.gpt.PartitionEntry},
 * {@link dev.slipway.gpt.ProtectiveMbr}, {@link dev.slipway.gpt.Guid} (mixed-endian) and
 * {@link dev.slipway.gpt.SlotAttributes} (the cgpt priority/tries/successful bits).
 * {@link dev.slipway.gpt.TableGeometry} says where the structures lie. Sectors are 512 bytes;
 * 4096-byte logical sectors are not supported.
 */
package dev.slipway.gpt;
