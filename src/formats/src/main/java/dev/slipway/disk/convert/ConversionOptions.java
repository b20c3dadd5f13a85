package dev.slipway.disk.convert;

import dev.slipway.disk.DiskIds;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * What a conversion takes besides its input. The output is a function of the input's bytes and
 * these options: no clock, no random source.
 *
 * @param epochSeconds   the build's epoch (Unix seconds), the VHD footer's time stamp
 * @param seed           the build's seed; the disk id and VHDX write GUIDs are derived from it
 * @param vhdxBlockSize  VHDX payload block size, or 0 for the default for the disk's size
 * @param detectZeros    skip all-zero 4 KiB grains (true), or copy whole extents in the kernel
 */
public record ConversionOptions(long epochSeconds, byte[] seed, int vhdxBlockSize, boolean detectZeros) {

    public ConversionOptions {
        if (seed == null || seed.length == 0) {
            throw new IllegalArgumentException("a seed is needed to derive the disk's identifiers");
        }
        seed = seed.clone();
    }

    /** Default block size, zero detection on. */
    public static ConversionOptions of(long epochSeconds, byte[] seed) {
        return new ConversionOptions(epochSeconds, seed, 0, true);
    }

    public ConversionOptions withVhdxBlockSize(int blockSize) {
        return new ConversionOptions(epochSeconds, seed, blockSize, detectZeros);
    }

    public ConversionOptions withDetectZeros(boolean detect) {
        return new ConversionOptions(epochSeconds, seed, vhdxBlockSize, detect);
    }

    /** The disk's identity: the VHD unique id and the VHDX virtual disk id. */
    public UUID diskId() {
        return DiskIds.derive(seed, "disk-id");
    }

    @Override
    public byte[] seed() {
        return seed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConversionOptions c && epochSeconds == c.epochSeconds && vhdxBlockSize == c.vhdxBlockSize
                && detectZeros == c.detectZeros && Arrays.equals(seed, c.seed);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(epochSeconds) + Arrays.hashCode(seed);
    }

    @Override
    public String toString() {
        return "ConversionOptions[epoch " + epochSeconds + ", seed " + HexFormat.of().formatHex(seed) + ", VHDX block size "
                + (vhdxBlockSize == 0 ? "default" : vhdxBlockSize) + ", zero detection " + (detectZeros ? "on" : "off") + "]";
    }
}
