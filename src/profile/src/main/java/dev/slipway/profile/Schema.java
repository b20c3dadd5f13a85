package dev.slipway.profile;

import static dev.slipway.profile.FieldType.INTEGER;
import static dev.slipway.profile.FieldType.PATH;
import static dev.slipway.profile.FieldType.PATH_LIST;
import static dev.slipway.profile.FieldType.STRING;
import static dev.slipway.profile.FieldType.STRING_LIST;

import java.util.List;

/**
 * Version 1 of the image profile schema, as data. A new section or key is a new entry here (and a
 * component in the record it binds to); loading, checking, merging, defaults, suggestions and the
 * resolved form all walk this table. Keys are kebab-case.
 */
final class Schema {

    static final int VERSION = 1;

    static final String EXTENDS = "extends";

    static final String DEBIAN = "debian";
    static final String OCI = "oci";
    static final String TAR = "tar";
    static final String DIR = "dir";

    static final Check IMAGE_NAME = Check.pattern("^[a-z0-9][a-z0-9-]{0,62}$",
            "1 to 63 lowercase letters, digits and '-', not starting with '-'");
    static final Check IMAGE_VERSION = Check.pattern("^[0-9A-Za-z][0-9A-Za-z.+_~-]{0,63}$",
            "1 to 64 letters, digits and . + _ ~ -, starting with a letter or digit");

    static final Check COMPATIBILITY = Check.pattern("^[a-z0-9][a-z0-9._/-]{0,127}$",
            "1 to 128 lowercase letters, digits and . _ / -, such as slipway/aks-node/x86_64");

    static final String SIGNING_DEVELOPMENT = "development";
    static final String SIGNING_FILE = "file";
    static final String SIGNING_PKCS11 = "pkcs11";
    static final String AGENT_NONE = "none";
    static final String AGENT_SLIPWAY = "slipway-agent";

    /** mmdebstrap's variants. */
    private static final Check VARIANT = Check.oneOf("extract", "custom", "essential", "apt", "required", "minbase",
            "buildd", "important", "standard");

    static final TableSpec IMAGE = TableSpec.of("image",
            FieldSpec.of("name", STRING).asRequired().withCheck(IMAGE_NAME),
            FieldSpec.of("version", STRING).asRequired().withCheck(IMAGE_VERSION),
            FieldSpec.of("description", STRING).withDefault(""),
            // SOURCE_DATE_EPOCH for the build, in seconds.
            FieldSpec.of("epoch", INTEGER).withCheck(Check.atLeast(0)),
            // What an agent checks before it installs the image; unset: slipway/NAME/ARCH.
            FieldSpec.of("compatibility", STRING).withCheck(COMPATIBILITY),
            // Anti-rollback: an agent never installs an image with a lower security version than it runs.
            FieldSpec.of("security-version", INTEGER).withDefault(1L).withCheck(Check.atLeast(0)));

    static final TableSpec SOURCE = TableSpec.of("source",
            FieldSpec.of("kind", STRING).asRequired().withCheck(Check.oneOf(DEBIAN, OCI, TAR, DIR)),
            FieldSpec.of("suite", STRING).asRequired().onlyFor(DEBIAN)
                    .withCheck(Check.pattern("^[a-z][a-z0-9-]*$", "a Debian suite or codename such as bookworm")),
            FieldSpec.of("variant", STRING).withDefault("minbase").withCheck(VARIANT).onlyFor(DEBIAN),
            FieldSpec.of("architecture", STRING).withDefault("amd64").onlyFor(DEBIAN)
                    .withCheck(Check.pattern("^[a-z0-9-]+$", "a Debian architecture such as amd64 or arm64")),
            FieldSpec.of("components", STRING_LIST).withDefault(List.of("main")).onlyFor(DEBIAN),
            FieldSpec.of("packages", STRING_LIST).withDefault(List.of()).onlyFor(DEBIAN)
                    .withCheck(Check.pattern("^[a-z0-9][a-z0-9+.-]+$", "a Debian package name")),
            FieldSpec.of("customize-hooks", PATH_LIST).withDefault(List.of()).onlyFor(DEBIAN),
            FieldSpec.of("path", PATH).asRequired().onlyFor(OCI, TAR, DIR),
            // The org.opencontainers.image.ref.name of the manifest to pick from an OCI layout.
            FieldSpec.of("reference", STRING).onlyFor(OCI))
            .discriminatedBy("kind");

    /** The disk image formats a build can write. */
    static final Check DISK_FORMAT = Check.oneOf("raw", "vhd", "vhdx");

    /** Partition sizes in MiB (every partition starts and ends on a MiB boundary). */
    static final TableSpec DISK = TableSpec.of("disk",
            FieldSpec.of("formats", STRING_LIST).withDefault(List.of("raw", "vhd", "vhdx")).withCheck(DISK_FORMAT),
            FieldSpec.of("esp-mib", INTEGER).withDefault(128L).withCheck(Check.atLeast(33)),
            FieldSpec.of("bios-boot-mib", INTEGER).withDefault(2L).withCheck(Check.atLeast(1)),
            FieldSpec.of("usr-mib", INTEGER).withDefault(2048L).withCheck(Check.atLeast(16)),
            FieldSpec.of("oem-mib", INTEGER).withDefault(128L).withCheck(Check.atLeast(1)),
            FieldSpec.of("oem-config-mib", INTEGER).withDefault(64L).withCheck(Check.atLeast(1)),
            FieldSpec.of("root-mib", INTEGER).withDefault(1024L).withCheck(Check.atLeast(16)),
            // The whole disk; ROOT takes what the others leave (at least root-mib). Unset: their sum.
            FieldSpec.of("size-mib", INTEGER).withCheck(Check.atLeast(1)));

    /**
     * How the manifest is signed: Slipway's development keys (the default, reported loudly), a PEM
     * key file, or a key in a PKCS#11 token. The certificate and chain are public files.
     */
    static final TableSpec SIGNING = TableSpec.of("signing",
            FieldSpec.of("kind", STRING).withDefault(SIGNING_DEVELOPMENT)
                    .withCheck(Check.oneOf(SIGNING_DEVELOPMENT, SIGNING_FILE, SIGNING_PKCS11)),
            FieldSpec.of("key", PATH).asRequired().onlyFor(SIGNING_FILE),
            FieldSpec.of("uri", STRING).asRequired().onlyFor(SIGNING_PKCS11)
                    .withCheck(Check.pattern("^pkcs11:.*$", "a PKCS#11 URI (RFC 7512), such as"
                            + " pkcs11:token=slipway;object=image-signing")),
            FieldSpec.of("certificate", PATH).asRequired().onlyFor(SIGNING_FILE, SIGNING_PKCS11),
            FieldSpec.of("chain", PATH_LIST).withDefault(List.of()).onlyFor(SIGNING_FILE, SIGNING_PKCS11))
            .discriminatedBy("kind");

    /** A path inside the image, as a glob: relative, no "..", no empty names. */
    static final Check IMAGE_GLOB = Check.pattern("^(?!/)(?!.*(^|/)\\.\\.(/|$))(?!.*//)[^\\x00]+$",
            "a relative path inside the image, globs allowed (usr/share/zoneinfo/*), no \"..\"");

    /** What the image must not contain: the build always removes package managers besides. */
    static final TableSpec POLICY = TableSpec.of("policy",
            FieldSpec.of("docs", STRING).withDefault(Policy.DOCS_COPYRIGHT)
                    .withCheck(Check.oneOf(Policy.DOCS_COPYRIGHT, Policy.DOCS_NONE, Policy.DOCS_ALL)),
            FieldSpec.of("man-pages", STRING).withDefault(Policy.REMOVE).withCheck(Check.oneOf(Policy.REMOVE, Policy.KEEP)),
            FieldSpec.of("locales", STRING_LIST).withDefault(List.of())
                    .withCheck(Check.pattern("^[a-z]{2,3}([_@][A-Za-z0-9]+)*$", "a language code such as de or pt_BR")),
            FieldSpec.of("remove", STRING_LIST).withDefault(List.of()).withCheck(IMAGE_GLOB),
            FieldSpec.of("forbid", STRING_LIST).withDefault(List.of()).withCheck(IMAGE_GLOB));

    /**
     * Directories laid over the composed tree, in order, for files no package ships (configuration,
     * units, health checks): every file owned by root with its mode made canonical.
     */
    static final TableSpec FILES = TableSpec.of("files",
            FieldSpec.of("trees", PATH_LIST).withDefault(List.of()));

    /**
     * How nodes running the image update: slipway-agent (its runtime, units and configuration go into
     * the image, with the roots it trusts for updates) or nothing.
     */
    static final TableSpec AGENT = TableSpec.of("agent",
            FieldSpec.of("kind", STRING).withDefault(AGENT_NONE).withCheck(Check.oneOf(AGENT_NONE, AGENT_SLIPWAY)),
            FieldSpec.of("trust", PATH).asRequired().onlyFor(AGENT_SLIPWAY))
            .discriminatedBy("kind");

    static final TableSpec ROOT = new TableSpec("", null, List.of(FieldSpec.of(EXTENDS, PATH).perFile()),
            List.of(IMAGE, SOURCE, FILES, DISK, POLICY, SIGNING, AGENT));

    private Schema() {
    }
}
