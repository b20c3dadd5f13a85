package dev.slipway.build;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;

/**
 * Package URLs for Debian packages ({@code pkg:deb/debian/NAME@VERSION?arch=ARCH&distro=...}),
 * the identifier vulnerability databases match Debian packages by.
 */
final class DebianPurl {

    private DebianPurl() {
    }

    /**
     * @param distro the {@code distro} qualifier ("debian-12"), or null to leave it out
     */
    static String of(String name, String version, String architecture, String distro) throws BuildException {
        PackageURLBuilder purl = PackageURLBuilder.aPackageURL()
                .withType("deb")
                .withNamespace("debian")
                .withName(name)
                .withVersion(version)
                .withQualifier("arch", architecture);
        if (distro != null) {
            purl.withQualifier("distro", distro);
        }
        try {
            return purl.build().canonicalize();
        } catch (MalformedPackageURLException e) {
            // A purl carries any name and version dpkg accepts, so only a damaged record gets here.
            throw new BuildException("package " + name + " " + version + " (" + architecture + ") has no valid"
                    + " package URL: " + e.getMessage(), e);
        }
    }

    static String of(DebianPackage p, String distro) throws BuildException {
        return of(p.name(), p.version(), p.architecture(), distro);
    }
}
