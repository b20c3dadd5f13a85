package dev.slipway.build;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.disk.DiskIds;
import dev.slipway.tree.FileTree;
import dev.slipway.tree.Timestamp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.parsers.JsonParser;

/**
 * The image's software bill of materials as CycloneDX 1.6 JSON: every package dpkg says is
 * installed in the composed tree, with the .deb digest from the archive index, the licences its
 * copyright file declares and each regular file it installed with that file's digest. It reads
 * dpkg's database, so it runs before any step strips var/lib/dpkg.
 *
 * <p>Byte-stable like build.json: the timestamp is the build epoch, packages and files are sorted,
 * and the serial number is derived from the rest of the document. CycloneDX asks for a new serial
 * number for every BOM generated; for a reproducible image, one that changes exactly when the
 * content does is the useful equivalent.
 */
final class Sbom {

    static final Version SPEC = Version.VERSION_16;
    /** The SBOM's file name in the output directory, and under /usr/share/slipway in the image. */
    static final String FILE_NAME = "sbom.cdx.json";
    static final String IMAGE_PATH = "usr/share/slipway/" + FILE_NAME;
    /** Namespace of the properties Slipway adds, as CycloneDX's property taxonomy asks. */
    static final String PROPERTY_PREFIX = "slipway:debian:";

    private static final int MAX_TEXT_BYTES = 16 << 20;
    private static final String SERIAL_LABEL = "cyclonedx-serial-number";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Comparator<DpkgDatabase.Installed> ORDER = Comparator
            .comparing(DpkgDatabase.Installed::name).thenComparing(DpkgDatabase.Installed::architecture);

    private Sbom() {
    }

    /**
     * The SBOM of {@code tree}.
     *
     * @param archived the archive's records of the packages, as composition took them: each
     *                 installed package must have one, which gives its .deb digest
     * @param agent    slipway-agent as the image carries it, or null
     * @throws BuildException when dpkg's database is missing or damaged, or an installed package
     *                        has no archive record
     */
    static byte[] write(FileTree tree, List<DebianPackage> archived, BuildRecord.Agent agent, String imageName,
                        String imageVersion, Timestamp epoch) throws IOException, BuildException {
        Bom bom = new Bom();
        bom.setMetadata(metadata(imageName, imageVersion, epoch));
        List<Component> components = new ArrayList<>(components(tree, archived));
        components.addAll(AgentSbom.components(agent));
        bom.setComponents(components);
        bom.setSerialNumber("urn:uuid:" + DiskIds.derive(json(bom), SERIAL_LABEL));
        byte[] json = json(bom);
        validate(json);
        return json;
    }

    /**
     * The image's packages. A tarball, OCI image or directory brings no archive records, so Slipway
     * cannot vouch for what packages it holds: its SBOM lists none (docs/trust.md says so).
     */
    private static List<Component> components(FileTree tree, List<DebianPackage> archived)
            throws IOException, BuildException {
        if (archived.isEmpty()) {
            return List.of();
        }
        DpkgDatabase dpkg = DpkgDatabase.read(tree);
        Map<String, DebianPackage> debs = new HashMap<>();
        for (DebianPackage p : InstalledPackages.match(tree, archived)) {
            debs.put(key(p.name(), p.architecture(), p.version()), p);
        }
        TreeFiles files = new TreeFiles(tree);
        String distro = distro(files).orElse(null);
        List<DpkgDatabase.Installed> installed = new ArrayList<>(dpkg.installed());
        installed.sort(ORDER);
        List<Component> components = new ArrayList<>();
        for (DpkgDatabase.Installed p : installed) {
            DebianPackage deb = debs.get(key(p.name(), p.architecture(), p.version()));
            components.add(component(p, deb, distro, dpkg, files));
        }
        return components;
    }

    private static Metadata metadata(String imageName, String imageVersion, Timestamp epoch) {
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(epoch.toInstant()));
        Component slipway = new Component();
        slipway.setType(Component.Type.APPLICATION);
        slipway.setName("slipway");
        slipway.setVersion(SlipwayBuildVersion.get());
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(slipway));
        metadata.setToolChoice(tools);
        Component image = new Component();
        image.setType(Component.Type.OPERATING_SYSTEM);
        image.setName(imageName);
        image.setVersion(imageVersion);
        metadata.setComponent(image);
        return metadata;
    }

    private static Component component(DpkgDatabase.Installed p, DebianPackage deb, String distro, DpkgDatabase dpkg,
                                       TreeFiles files) throws IOException, BuildException {
        Component c = new Component();
        // CycloneDX has no type for a distribution package. "library" is what CycloneDX's own
        // tools and the common scanners give OS packages; the purl's deb type says the rest.
        // "application" would misdescribe the many packages that hold only libraries or data.
        c.setType(Component.Type.LIBRARY);
        c.setName(p.name());
        c.setVersion(p.version());
        String purl = DebianPurl.of(p.name(), p.version(), p.architecture(), distro);
        c.setPurl(purl);
        c.setBomRef(purl);
        c.setPublisher(p.maintainer());
        c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, deb.sha256())));
        List<License> licences = licences(p, files);
        if (!licences.isEmpty()) {
            LicenseChoice choice = new LicenseChoice();
            choice.setLicenses(licences);
            c.setLicenses(choice);
        }
        c.setProperties(properties(p, deb));
        List<Component> installedFiles = installedFiles(p, dpkg, files);
        if (!installedFiles.isEmpty()) {
            c.setComponents(installedFiles);
        }
        return c;
    }

    /** A missing source version means the source's version is the package's own, as Debian policy says. */
    private static List<Property> properties(DpkgDatabase.Installed p, DebianPackage deb) {
        List<Property> properties = new ArrayList<>();
        properties.add(new Property(PROPERTY_PREFIX + "source", p.source()));
        if (p.sourceVersion() != null) {
            properties.add(new Property(PROPERTY_PREFIX + "source-version", p.sourceVersion()));
        }
        if (!deb.filename().isEmpty()) {
            properties.add(new Property(PROPERTY_PREFIX + "pool-filename", deb.filename()));
        }
        properties.add(new Property(PROPERTY_PREFIX + "deb-size", Long.toString(deb.size())));
        return properties;
    }

    private static List<License> licences(DpkgDatabase.Installed p, TreeFiles files) throws IOException, BuildException {
        String path = "usr/share/doc/" + p.name() + "/copyright";
        Optional<TreeFiles.Found> copyright = files.regularFile(path);
        if (copyright.isEmpty()) {
            return List.of();
        }
        return DebianCopyright.licences(TreeFiles.text(copyright.get().file(), path, MAX_TEXT_BYTES));
    }

    /**
     * The regular files of the package's file list, under the paths they really have (through
     * merged-/usr symlinks), sorted. A listed path that is gone, is not a regular file, or was
     * diverted away from this package says nothing true about this package's files, so it is left out.
     */
    private static List<Component> installedFiles(DpkgDatabase.Installed p, DpkgDatabase dpkg, TreeFiles files)
            throws IOException, BuildException {
        Map<String, TreeFiles.Found> byPath = new TreeMap<>();
        for (String listed : dpkg.listedPaths(p)) {
            if (dpkg.divertedFrom(listed, p.name())) {
                continue;
            }
            Optional<TreeFiles.Found> found = files.regularFile(listed);
            if (found.isPresent() && !dpkg.divertedFrom(found.get().path(), p.name())) {
                byPath.putIfAbsent(found.get().path(), found.get());
            }
        }
        List<Component> components = new ArrayList<>();
        for (TreeFiles.Found found : byPath.values()) {
            Component file = new Component();
            file.setType(Component.Type.FILE);
            file.setName(found.path());
            file.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, files.sha256(found.file()))));
            components.add(file);
        }
        return components;
    }

    /**
     * The purl {@code distro} qualifier, "debian-12" as Syft and Grype write it, from os-release.
     * Only for Debian itself: a derivative's or an unreleased suite's name would mislead a scanner.
     */
    private static Optional<String> distro(TreeFiles files) throws IOException, BuildException {
        for (String path : List.of("usr/lib/os-release", "etc/os-release")) {
            Optional<TreeFiles.Found> found = files.regularFile(path);
            if (found.isPresent()) {
                Map<String, String> fields = osRelease(TreeFiles.text(found.get().file(), path, MAX_TEXT_BYTES));
                String versionId = fields.get("VERSION_ID");
                boolean debian = "debian".equals(fields.get("ID"));
                return debian && versionId != null && !versionId.isEmpty()
                        ? Optional.of("debian-" + versionId) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> osRelease(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.lines().toList()) {
            int equals = line.indexOf('=');
            if (line.startsWith("#") || equals <= 0) {
                continue;
            }
            String value = line.substring(equals + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))
                    && value.endsWith(value.substring(0, 1))) {
                value = value.substring(1, value.length() - 1);
            }
            fields.put(line.substring(0, equals).strip(), value);
        }
        return fields;
    }

    /**
     * The library's JSON, re-indented by Jackson with "\n" line ends: the library's own printer
     * uses the platform's line separator, which would make the bytes depend on the build host.
     */
    private static byte[] json(Bom bom) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        String json = MAPPER.writer(printer).writeValueAsString(new BomJsonGenerator(bom, SPEC).toJsonNode());
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A schema failure here is a Slipway bug; an image should not ship an SBOM tools reject. */
    private static void validate(byte[] json) throws IOException, BuildException {
        List<ParseException> problems = new JsonParser().validate(json, SPEC);
        if (!problems.isEmpty()) {
            throw new BuildException("the SBOM does not validate against CycloneDX " + SPEC.getVersionString()
                    + " (" + problems.getFirst().getMessage() + "); this is a bug in Slipway");
        }
    }

    private static String key(String name, String architecture, String version) {
        return name + "\0" + architecture + "\0" + version;
    }
}
