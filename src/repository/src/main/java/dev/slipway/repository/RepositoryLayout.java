package dev.slipway.repository;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where each file of an update repository lies, as paths relative to the repository's root with
 * {@code /} separators: the same strings name a file on the publisher's disk and its URL under the
 * repository's base URL, so the publisher and the agent cannot disagree about them.
 *
 * <pre>
 * channels/NAME.json, channels/NAME.json.p7s      channel metadata and its signature
 * trust/rotation.pem, trust/crl.pem               optional rotation certificates and CRLs
 * images/IMAGE/VERSION/manifest.json(.p7s)        the build's signed manifest, byte for byte
 * images/IMAGE/VERSION/usr.verity                 usr.img from the hash offset: superblock and tree
 * images/IMAGE/VERSION/usr.frames(.json)          usr.img's filesystem as zstd frames, and their index
 * images/IMAGE/VERSION/KERNEL, INITRD             the manifest's kernel and initrd, under their names
 * </pre>
 *
 * <p>Every name that becomes a path segment is checked here, so no channel, image or version name
 * can reach outside the repository.
 */
public final class RepositoryLayout {

    public static final String CHANNELS = "channels";
    public static final String TRUST = "trust";
    public static final String IMAGES = "images";
    public static final String ROTATION = "trust/rotation.pem";
    public static final String CRL = "trust/crl.pem";
    public static final String MANIFEST = "manifest.json";
    public static final String MANIFEST_SIGNATURE = "manifest.json.p7s";
    public static final String USR_VERITY = "usr.verity";
    public static final String USR_FRAMES = "usr.frames";
    public static final String USR_FRAME_INDEX = "usr.frames.json";
    /** The publisher's lock file: it serialises publishes into one repository. */
    public static final String LOCK = ".publish.lock";

    /** Names of a version directory that Slipway writes itself; an artifact may not take one. */
    public static final Set<String> RESERVED_NAMES = Set.of(MANIFEST, MANIFEST_SIGNATURE, USR_VERITY, USR_FRAMES,
            USR_FRAME_INDEX);

    /** A channel's name: also a file name, so no slash and no leading dot. */
    public static final Pattern CHANNEL_NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    /** An image's name, as profiles allow it. */
    public static final Pattern IMAGE_NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
    /** An image's version, as profiles allow it. */
    public static final Pattern IMAGE_VERSION = Pattern.compile("^[0-9A-Za-z][0-9A-Za-z.+_~-]{0,63}$");

    private RepositoryLayout() {
    }

    /** {@code channels/NAME.json}. */
    public static String channel(String name) {
        return CHANNELS + "/" + checkChannel(name) + ".json";
    }

    /** {@code channels/NAME.json.p7s}. */
    public static String channelSignature(String name) {
        return channel(name) + ".p7s";
    }

    /** {@code images/IMAGE/VERSION}. */
    public static String versionDirectory(String image, String version) {
        return imageDirectory(image) + "/" + checkVersion(version);
    }

    /** {@code images/IMAGE}. */
    public static String imageDirectory(String image) {
        return IMAGES + "/" + checkImage(image);
    }

    /** {@code images/IMAGE/VERSION/NAME}, for one of the names above or an artifact's manifest name. */
    public static String versionFile(String image, String version, String name) {
        return versionDirectory(image, version) + "/" + name;
    }

    /** @throws IllegalArgumentException naming the rule, if {@code name} is not a channel name */
    public static String checkChannel(String name) {
        return check(name, CHANNEL_NAME, "channel name",
                "1 to 64 lowercase letters, digits and . _ -, starting with a letter or digit");
    }

    /** @throws IllegalArgumentException naming the rule, if {@code name} is not an image name */
    public static String checkImage(String name) {
        return check(name, IMAGE_NAME, "image name", "1 to 63 lowercase letters, digits and -, not starting with -");
    }

    /** @throws IllegalArgumentException naming the rule, if {@code version} is not an image version */
    public static String checkVersion(String version) {
        return check(version, IMAGE_VERSION, "image version",
                "1 to 64 letters, digits and . + _ ~ -, starting with a letter or digit");
    }

    private static String check(String value, Pattern pattern, String what, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " \"" + value + "\" is not " + rule);
        }
        return value;
    }
}
