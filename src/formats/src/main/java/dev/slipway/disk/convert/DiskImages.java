package dev.slipway.disk.convert;

import dev.slipway.disk.DiskFormat;
import dev.slipway.disk.DiskSource;
import dev.slipway.disk.HoleFinder;
import dev.slipway.disk.RawDisk;
import dev.slipway.vhd.FixedVhd;
import dev.slipway.vhdx.VhdxDisk;

import java.io.IOException;
import java.nio.file.Path;

/** Opens a disk image of any supported format as a {@link DiskSource}. */
public final class DiskImages {

    private DiskImages() {
    }

    /** Opens {@code file} in the format its content shows ({@link DiskFormat#detect}). */
    public static DiskSource open(Path file, HoleFinder holes) throws IOException {
        return open(file, DiskFormat.detect(file), holes);
    }

    /**
     * Opens {@code file} as {@code format}.
     *
     * @param holes finds the data in raw and VHD files; VHDX files say where their data is
     */
    public static DiskSource open(Path file, DiskFormat format, HoleFinder holes) throws IOException {
        return switch (format) {
            case RAW -> RawDisk.open(file, holes);
            case VHD -> FixedVhd.open(file, holes);
            case VHDX -> VhdxDisk.open(file);
        };
    }
}
