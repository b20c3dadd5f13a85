package dev.slipway.boot;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A slot's systemd-boot entry ({@code loader/entries/slipway-a.conf}): a Boot Loader Specification
 * type #1 file holding, one line each and in this order, {@code title}, {@code sort-key},
 * {@code version}, {@code linux}, {@code initrd} and {@code options}. Every Slipway entry has the
 * same sort key, so systemd-boot orders them by version and boots the newest whose tries have not
 * run out. The command line pins the slot: {@code slipway.slot=A}, the partition,
 * {@code slipway.usrhash=} (the dm-verity root hash) and {@code slipway.usrhash_offset=} (where the
 * hash tree starts in the partition), which Slipway's initrd opens /usr with.
 *
 * <p>Values are non-empty single lines without control characters, without leading or trailing
 * blanks and not wrapped in double quotes (systemd-boot trims blanks and strips such quotes), so
 * {@code parse(render())} gives the same entry back.
 */
public record BootEntry(String title, String sortKey, String version, String linux, String initrd, String options) {

    /** The sort key of every Slipway entry. */
    public static final String SORT_KEY = "slipway";

    /** The keys, in the order {@link #render} writes them. */
    static final List<String> KEYS = List.of("title", "sort-key", "version", "linux", "initrd", "options");

    private static final Pattern HEX = Pattern.compile("(?:[0-9a-f]{2}){1,64}");
    private static final Pattern OFFSET = Pattern.compile("[1-9][0-9]{0,18}");

    public BootEntry {
        List<String> values = Arrays.asList(title, sortKey, version, linux, initrd, options);
        for (int i = 0; i < KEYS.size(); i++) {
            String problem = problem(KEYS.get(i), values.get(i));
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
    }

    /**
     * The entry for {@code slot} ("a" or "b") holding image {@code imageName} {@code imageVersion},
     * whose kernel and initrd are in the ESP's {@code slipway/SLOT/}.
     *
     * @param rootHash   the slot's dm-verity root hash (lowercase hex)
     * @param hashOffset where the hash tree starts in the slot's partition, in bytes
     */
    public static BootEntry slotEntry(String slot, String imageName, String imageVersion, String rootHash,
                                      long hashOffset) {
        if (!slot.equals("a") && !slot.equals("b")) {
            throw new IllegalArgumentException("slot '" + slot + "': Slipway's slots are a and b");
        }
        if (!HEX.matcher(rootHash).matches()) {
            throw new IllegalArgumentException("root hash '" + rootHash + "' is not 1 to 64 bytes of lowercase hex");
        }
        if (hashOffset <= 0) {
            throw new IllegalArgumentException("hash offset " + hashOffset + " is not positive");
        }
        String upper = slot.toUpperCase(Locale.ROOT);
        return new BootEntry("Slipway " + imageName + " " + imageVersion + " (slot " + upper + ")", SORT_KEY,
                imageVersion, "/slipway/" + slot + "/vmlinuz", "/slipway/" + slot + "/initrd.img",
                // panic= restarts a boot that dies in the kernel, so the entry's tries count down.
                "slipway.slot=" + upper + " slipway.usr=PARTLABEL=USR-" + upper + " slipway.usrhash=" + rootHash
                        + " slipway.usrhash_offset=" + hashOffset + " console=tty0 console=ttyS0,115200 panic=10"
                        // Debian enables systemd-firstboot's prompts; a node has nobody to answer them.
                        + " systemd.firstboot=off");
    }

    /** The file's text: one {@code key value} line per key, each ending in a newline. */
    public String render() {
        return "title " + title + "\n"
                + "sort-key " + sortKey + "\n"
                + "version " + version + "\n"
                + "linux " + linux + "\n"
                + "initrd " + initrd + "\n"
                + "options " + options + "\n";
    }

    /** {@link #render} as the file's bytes (UTF-8). */
    public byte[] toBytes() {
        return render().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads an entry strictly: one key per line, separated from its value by spaces or tabs; blank
     * lines and lines starting with {@code #} are skipped; each of the six keys exactly once, any
     * other key refused. Line ends are LF only.
     *
     * @throws BootEntryException naming the line that is wrong, or the key that is missing
     */
    public static BootEntry parse(String text) throws BootEntryException {
        return EntryParser.parse(text);
    }

    /** {@link #parse(String)} of a file's bytes, which must be valid UTF-8. */
    public static BootEntry parse(byte[] bytes) throws BootEntryException {
        try {
            return parse(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new BootEntryException("the boot entry is not valid UTF-8");
        }
    }

    /** The slot the entry boots, "a" or "b", from {@code slipway.slot=} on its command line. */
    public String slot() throws BootEntryException {
        String value = parameter("slipway.slot");
        if (!value.equals("A") && !value.equals("B")) {
            throw new BootEntryException("slipway.slot=" + value + " on the entry's command line: the slot is A or B");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** The dm-verity root hash the entry pins (lowercase hex), from {@code slipway.usrhash=}. */
    public String rootHash() throws BootEntryException {
        String value = parameter("slipway.usrhash");
        if (!HEX.matcher(value).matches()) {
            throw new BootEntryException("slipway.usrhash=" + value + " on the entry's command line is not 1 to 64"
                    + " bytes of lowercase hex");
        }
        return value;
    }

    /** {@link #rootHash} as bytes. */
    public byte[] rootHashBytes() throws BootEntryException {
        return HexFormat.of().parseHex(rootHash());
    }

    /** Where the slot's hash tree starts in its partition, from {@code slipway.usrhash_offset=}. */
    public long hashOffset() throws BootEntryException {
        String value = parameter("slipway.usrhash_offset");
        if (!OFFSET.matcher(value).matches()) {
            throw new BootEntryException("slipway.usrhash_offset=" + value + " on the entry's command line is not a"
                    + " positive whole number of bytes");
        }
        return Long.parseLong(value);
    }

    /** The value of the one {@code name=} parameter in {@link #options}. */
    private String parameter(String name) throws BootEntryException {
        String prefix = name + "=";
        String found = null;
        for (String word : options.split(" +")) {
            if (word.startsWith(prefix)) {
                if (found != null) {
                    throw new BootEntryException("the entry's command line has " + name + "= twice");
                }
                found = word.substring(prefix.length());
            }
        }
        if (found == null) {
            throw new BootEntryException("the entry's command line has no " + name + "= (not a Slipway slot entry)");
        }
        return found;
    }

    /** What is wrong with {@code value} for {@code key}, or null. */
    static String problem(String key, String value) {
        if (value == null || value.isEmpty()) {
            return "the entry's " + key + " is empty";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return String.format(Locale.ROOT, "the entry's %s has the control character U+%04X", key, (int) c);
            }
        }
        if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            return "the entry's " + key + " starts or ends with a blank, which systemd-boot drops";
        }
        if (value.length() > 1 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return "the entry's " + key + " is wrapped in double quotes, which systemd-boot strips";
        }
        return null;
    }
}
