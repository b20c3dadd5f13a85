package dev.slipway.boot;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A boot entry's file name, {@code ID[+LEFT[-DONE]].conf}, which carries systemd-boot's boot counter
 * (Boot Loader Specification, "Boot counting"; systemd's Automatic Boot Assessment):
 * <ul>
 *   <li>no counter ({@code slipway-a.conf}): the entry is <em>good</em>, it boots without counting;
 *   <li>{@code +LEFT} or {@code +LEFT-DONE} with LEFT &gt; 0 ({@code slipway-b+3-0.conf}): on trial
 *       (<em>indeterminate</em>); a missing DONE counts as 0. Before it starts such an entry,
 *       systemd-boot renames it to {@code +(LEFT-1)-(DONE+1)} ({@link #withTry}), always writing
 *       both numbers, and LEFT never goes below 0;
 *   <li>LEFT = 0 ({@code slipway-a+0-3.conf}): <em>bad</em> ({@link #exhausted}). Bad entries sort
 *       after every other entry, whatever their version, so the other slot's entry boots; a bad
 *       entry still boots when nothing else is left.
 * </ul>
 * After a boot reaches {@code boot-complete.target}, systemd-bless-boot renames the entry it
 * started to the name without the counter ({@link #blessed}). Otherwise entries sort by sort-key,
 * then by version, newest first; between two names that differ only in the counter, the one with
 * more tries left, then fewer done, comes first. The ID is the name without counter and suffix
 * (what {@code bootctl list} shows as {@code id}, with {@code .conf}).
 *
 * <p>Parsing is stricter than systemd-boot's so that {@code parse(n).render()} is {@code n}: the ID
 * is 1 or more of ASCII letters, digits, {@code . _ -} (the specification's characters without
 * {@code +}); the counters are decimal digits without a sign or leading zeros, at most
 * {@link Integer#MAX_VALUE} (systemd-boot ignores larger ones); the suffix is {@code .conf} in
 * lowercase; the whole name is at most 255 characters.
 *
 * @param triesLeft the first counter, empty when the entry does not count boots
 * @param triesDone the second counter, empty when the name has none (LEFT alone, or no counter)
 */
public record EntryFileName(String id, OptionalInt triesLeft, OptionalInt triesDone) {

    public static final String SUFFIX = ".conf";
    /** What Slipway's slot entries' IDs start with: {@code slipway-a}, {@code slipway-b}. */
    public static final String SLOT_PREFIX = "slipway-";
    private static final int MAX_LENGTH = 255;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern NAME = Pattern.compile("([^+]*)(?:\\+([^-+]*)(?:-([^-+]*))?)?\\.conf");
    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,9}");

    public EntryFileName {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("entry ID '" + id + "' is not 1 or more of ASCII letters, digits, . _ -");
        }
        if (triesDone.isPresent() && triesLeft.isEmpty()) {
            throw new IllegalArgumentException("a tries-done counter without tries left");
        }
        if (triesLeft.orElse(0) < 0 || triesDone.orElse(0) < 0) {
            throw new IllegalArgumentException("negative boot counter " + triesLeft + ", " + triesDone);
        }
        int length = render(id, triesLeft, triesDone).length();
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("an entry file name of " + length + " characters; at most " + MAX_LENGTH);
        }
    }

    /** A name without a counter: the entry boots without counting ({@code ID.conf}). */
    public static EntryFileName of(String id) {
        return new EntryFileName(id, OptionalInt.empty(), OptionalInt.empty());
    }

    /** {@code ID+LEFT-DONE.conf}. */
    public static EntryFileName counting(String id, int triesLeft, int triesDone) {
        return new EntryFileName(id, OptionalInt.of(triesLeft), OptionalInt.of(triesDone));
    }

    /** The ID of slot {@code slot}'s entry ("a" or "b"): {@code slipway-a}, {@code slipway-b}. */
    public static String slotId(String slot) {
        if (!slot.equals("a") && !slot.equals("b")) {
            throw new IllegalArgumentException("slot '" + slot + "': Slipway's slots are a and b");
        }
        return SLOT_PREFIX + slot;
    }

    /**
     * Reads a file name strictly (see the class comment).
     *
     * @throws BootEntryException saying what is wrong with the name
     */
    public static EntryFileName parse(String fileName) throws BootEntryException {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new BootEntryException("entry file name '" + fileName + "' is not ID[+LEFT[-DONE]].conf");
        }
        if (!ID.matcher(m.group(1)).matches()) {
            throw new BootEntryException("entry file name '" + fileName + "': the ID '" + m.group(1)
                    + "' is not 1 or more of ASCII letters, digits, . _ -");
        }
        OptionalInt left = m.group(2) == null ? OptionalInt.empty() : OptionalInt.of(counter(fileName, m.group(2)));
        OptionalInt done = m.group(3) == null ? OptionalInt.empty() : OptionalInt.of(counter(fileName, m.group(3)));
        try {
            return new EntryFileName(m.group(1), left, done);
        } catch (IllegalArgumentException e) {
            throw new BootEntryException("entry file name '" + fileName + "': " + e.getMessage());
        }
    }

    public String render() {
        return render(id, triesLeft, triesDone);
    }

    /** Whether the name carries a counter: the entry is on trial or bad, not yet blessed. */
    public boolean countingDown() {
        return triesLeft.isPresent();
    }

    /** Whether the tries have run out (LEFT = 0): the entry is bad and sorts last. */
    public boolean exhausted() {
        return triesLeft.isPresent() && triesLeft.getAsInt() == 0;
    }

    /**
     * The name systemd-boot gives the entry before it starts it: LEFT - 1 (not below 0) and DONE + 1
     * (not above {@link Integer#MAX_VALUE}), both written.
     *
     * @throws IllegalStateException when the name has no counter (systemd-boot does not rename it)
     */
    public EntryFileName withTry() {
        if (!countingDown()) {
            throw new IllegalStateException(render() + " has no boot counter; systemd-boot starts it unchanged");
        }
        int done = triesDone.orElse(0);
        return counting(id, Math.max(triesLeft.getAsInt() - 1, 0), done == Integer.MAX_VALUE ? done : done + 1);
    }

    /** The name systemd-bless-boot gives the entry after a good boot: the counter removed. */
    public EntryFileName blessed() {
        return of(id);
    }

    /** The slot ("a" or "b") when this is one of Slipway's slot entries ({@code slipway-a}, {@code slipway-b}). */
    public Optional<String> slot() {
        return switch (id) {
            case "slipway-a" -> Optional.of("a");
            case "slipway-b" -> Optional.of("b");
            default -> Optional.empty();
        };
    }

    private static int counter(String fileName, String digits) throws BootEntryException {
        if (!NUMBER.matcher(digits).matches() || Long.parseLong(digits) > Integer.MAX_VALUE) {
            throw new BootEntryException("entry file name '" + fileName + "': the boot counter '" + digits
                    + "' is not a number from 0 to " + Integer.MAX_VALUE + " without sign or leading zeros");
        }
        return Integer.parseInt(digits);
    }

    private static String render(String id, OptionalInt left, OptionalInt done) {
        StringBuilder name = new StringBuilder(id);
        left.ifPresent(l -> name.append('+').append(l));
        done.ifPresent(d -> name.append('-').append(d));
        return name.append(SUFFIX).toString();
    }
}
