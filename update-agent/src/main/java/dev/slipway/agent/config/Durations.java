package dev.slipway.agent.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The durations agent.toml writes: one whole number and one unit, {@code s}, {@code m}, {@code h} or {@code d}
 * ({@code "90s"}, {@code "10m"}, {@code "1h"}, {@code "1d"}). Nothing else is accepted (no fractions, no
 * combinations such as {@code "1h30m"}, no spaces, no upper case), so a value reads the same to every reader.
 */
public final class Durations {

    /** What a duration may look like, as error messages say it. */
    public static final String ALLOWED =
            "a whole number followed by s, m, h or d, such as \"90s\", \"10m\", \"1h\" or \"1d\"";

    /** Nine digits: a billion days still fits a Duration, and no real setting needs more. */
    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})([smhd])");

    private Durations() {
    }

    /**
     * The duration {@code text} writes.
     *
     * @throws IllegalArgumentException when {@code text} is not of the form above; the message says why
     */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(hint(text));
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** {@code duration} in the largest unit that writes it exactly ({@code 5400s} is "90m"); whole seconds only. */
    public static String format(Duration duration) {
        if (duration.isNegative() || duration.getNano() != 0) {
            throw new IllegalArgumentException(duration + " is not a whole, non-negative number of seconds");
        }
        long seconds = duration.getSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        } else if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        } else if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /** Why {@code text} is refused, for the common mistakes; always ends with what is allowed. */
    private static String hint(String text) {
        String why;
        if (text.isBlank()) {
            why = "it is empty";
        } else if (text.matches("[0-9]+")) {
            why = "it has no unit";
        } else if (text.matches("[0-9]{10,}[smhd]")) {
            why = "the number is too large";
        } else if (text.matches("[0-9]+[A-Za-z]+") && !text.matches("[0-9]+[SMHD]")) {
            why = "the unit is not one of s, m, h, d";
        } else if (text.matches(".*[0-9][smhd].*[0-9][smhd].*")) {
            why = "it combines units";
        } else if (text.contains(" ")) {
            why = "it holds a space";
        } else {
            why = "it is not of that form";
        }
        return why + "; write " + ALLOWED;
    }
}
