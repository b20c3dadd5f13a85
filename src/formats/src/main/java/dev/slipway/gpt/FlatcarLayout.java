package dev.slipway.gpt;

import java.util.Optional;

/**
 * Flatcar Container Linux's GPT partitions: numbers, labels, type GUIDs, the fixed PARTUUIDs of the
 * two /usr slots and the attributes Flatcar's image build sets. Sizes are a profile's business.
 *
 * <p>Sources (flatcar/scripts at ab6d76d957b8, 2026-08-22):
 * <ul>
 *   <li>{@code build_library/disk_layout.json}, layout "base": numbers, labels, cgpt type names
 *       ({@code efi}, {@code bios}, {@code flatcar-rootfs}, {@code data}, {@code flatcar-reserved},
 *       {@code flatcar-resize}), the USR-A/USR-B {@code uuid}s, and {@code features}
 *       ({@code "prioritize"} on USR-A only). Numbers 5 (ROOT-C) and 8 are {@code blank}: unused.</li>
 *   <li>{@code build_library/disk_util}, {@code WritePartitionTable}: {@code cgpt create -g
 *       00000000-0000-0000-0000-000000000001}; each "prioritize" partition gets {@code cgpt add -S1 -P n}
 *       (so USR-A: priority 1, successful, no tries; USR-B: all zero); a "hybrid" partition would get
 *       {@code -B1} (legacy BIOS bootable), but since commit fb396e642f (2025-02, "Fix non conforming
 *       partition table") no partition has it: the ESP had it before.</li>
 *   <li>Type names to GUIDs: flatcar/seismograph (Flatcar's cgpt) {@code src/cgpt/cgpt_common.c}
 *       {@code supported_types} and {@code src/firmware/include/gpt.h} {@code GPT_ENT_TYPE_*}. The same
 *       GUIDs are gdisk's codes 8500 ("Container Linux /usr"), 8501 ("resizable rootfs") and 8502
 *       ("/OEM customizations"); EF00, EF02 and 8300 are the UEFI/BIOS-boot/Linux data types.</li>
 *   <li>{@code build_library/grub.cfg}: GRUB picks the slot with {@code gptprio.next} and maps PARTUUID
 *       7130c94a-... to {@code /flatcar/vmlinuz-a}, anything else to {@code vmlinuz-b}.</li>
 * </ul>
 * Flatcar aligns partitions to 2 MiB ({@code part_alignment} 4096 blocks, {@link #FLATCAR_ALIGNMENT_BYTES});
 * Slipway's default is 1 MiB ({@link LayoutPlanner#mibAligned()}).
 */
public enum FlatcarLayout {

    EFI_SYSTEM(1, "EFI-SYSTEM", "C12A7328-F81F-11D2-BA4B-00A0C93EC93B", null, 0),
    BIOS_BOOT(2, "BIOS-BOOT", "21686148-6449-6E6F-744E-656564454649", null, 0),
    USR_A(3, "USR-A", "5DFBF5F4-2848-4BAC-AA5E-0D9A20B745A6", "7130C94A-213A-4E5A-8E26-6CCE9662F132",
            new SlotAttributes(1, 0, true).toBits()),
    USR_B(4, "USR-B", "5DFBF5F4-2848-4BAC-AA5E-0D9A20B745A6", "E03DD35C-7C2D-4A47-B3FE-27F15780A57C", 0),
    OEM(6, "OEM", "0FC63DAF-8483-4772-8E79-3D69D8477DE4", null, 0),
    OEM_CONFIG(7, "OEM-CONFIG", "C95DC21A-DF0E-4340-8D7B-26CBFA9A03E0", null, 0),
    ROOT(9, "ROOT", "3884DD41-8582-4404-B9A8-E9B84F2DF50E", null, 0);

    /** The EFI System Partition type (cgpt "efi", gdisk EF00). */
    public static final Guid TYPE_EFI_SYSTEM = EFI_SYSTEM.type;
    /** BIOS boot partition, where GRUB's i386-pc core image lives (cgpt "bios", gdisk EF02). */
    public static final Guid TYPE_BIOS_BOOT = BIOS_BOOT.type;
    /** Flatcar/CoreOS /usr (cgpt "flatcar-rootfs", alias "flatcar-usr"; gdisk 8500). */
    public static final Guid TYPE_FLATCAR_USR = USR_A.type;
    /** Linux filesystem data (cgpt "data", gdisk 8300). */
    public static final Guid TYPE_LINUX_DATA = OEM.type;
    /** Flatcar/CoreOS reserved (cgpt "flatcar-reserved"; gdisk 8502). */
    public static final Guid TYPE_FLATCAR_RESERVED = OEM_CONFIG.type;
    /** Flatcar/CoreOS root grown to the disk on first boot (cgpt "flatcar-resize"; gdisk 8501). */
    public static final Guid TYPE_FLATCAR_RESIZE = ROOT.type;

    /** The disk GUID Flatcar's build gives every image; GRUB's config searches for it. */
    public static final Guid BUILD_DISK_GUID = Guid.parse("00000000-0000-0000-0000-000000000001");
    /** Flatcar's partition alignment: {@code part_alignment} 4096 blocks of 512 bytes. */
    public static final long FLATCAR_ALIGNMENT_BYTES = 2L << 20;

    private final int number;
    private final String label;
    private final Guid type;
    private final Guid fixedUnique;
    private final long attributes;

    FlatcarLayout(int number, String label, String type, String fixedUnique, long attributes) {
        this.number = number;
        this.label = label;
        this.type = Guid.parse(type);
        this.fixedUnique = fixedUnique == null ? null : Guid.parse(fixedUnique);
        this.attributes = attributes;
    }

    public int number() {
        return number;
    }

    /** The GPT partition name (PARTLABEL). */
    public String label() {
        return label;
    }

    public Guid type() {
        return type;
    }

    /** The PARTUUID Flatcar fixes for this partition (USR-A and USR-B), if any; others are random per build. */
    public Optional<Guid> fixedUnique() {
        return Optional.ofNullable(fixedUnique);
    }

    /** The attribute bits Flatcar's build sets: USR-A priority 1 and successful; nothing elsewhere. */
    public long attributes() {
        return attributes;
    }

    /**
     * A request for this partition of {@code sizeBytes} (or {@link PartitionRequest#FILL}); the
     * unique GUID is the fixed one where Flatcar has one, else {@code unique}.
     */
    public PartitionRequest request(long sizeBytes, Guid unique) {
        return new PartitionRequest(number, label, type, fixedUnique != null ? fixedUnique : unique, sizeBytes,
                attributes);
    }

    /** The member numbered {@code number}, if Flatcar uses that number. */
    public static Optional<FlatcarLayout> byNumber(int number) {
        for (FlatcarLayout p : values()) {
            if (p.number == number) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
