package dev.slipway.build;

import java.util.Comparator;

/**
 * One installed Debian package, as the signed archive index describes its .deb.
 *
 * @param sha256   the digest of the .deb file from the archive's Packages index (which apt
 *                 checked the download against, and which the archive's signed Release covers)
 * @param filename the .deb's path in the archive's pool
 */
public record DebianPackage(String name, String version, String architecture, String source, String sha256,
                            String filename, long size) {

    /** By name, then architecture: the order build.json lists them in. */
    public static final Comparator<DebianPackage> ORDER =
            Comparator.comparing(DebianPackage::name).thenComparing(DebianPackage::architecture);
}
