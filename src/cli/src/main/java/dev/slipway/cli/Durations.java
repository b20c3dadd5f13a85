package dev.slipway.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on a command line: {@code 7d}, {@code 12h}, {@code 1d12h}, {@code 2w}, or ISO {@code PT36H}. */
final class Durations {

    private static final Pattern WHOLE = Pattern.compile("^(\\d+[smhdw])+$");
    private static final Pattern PART = Pattern.compile("(\\d+)([smhdw])");

    private Durations() {
    }

    /** @param option the option, for the message */
    static Duration parse(String option, String text) {
        String value = text.trim();
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return positive(option, text, Duration.parse(value));
            }
            if (!WHOLE.matcher(value).matches()) {
                throw new InvalidInputException(option + " " + text + " is not a duration: write 90s, 30m, 12h, 7d, 2w"
                        + " or combinations such as 1d12h");
            }
            Duration total = Duration.ZERO;
            Matcher part = PART.matcher(value);
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> Duration.ofDays(Math.multiplyExact(amount, 7));
                });
            }
            return positive(option, text, total);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new InvalidInputException(option + " " + text + " is not a duration: write 90s, 30m, 12h, 7d, 2w"
                    + " or combinations such as 1d12h");
        }
    }

    /** The shortest form of {@code duration} in the units above, for messages: {@code 7d}, {@code 1d12h}. */
    static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder(seconds < 0 ? "-" : "");
        seconds = Math.abs(seconds);
        long[] sizes = {86_400, 3600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds >= sizes[i]) {
                out.append(seconds / sizes[i]).append(units[i]);
                seconds %= sizes[i];
            }
        }
        return out.toString();
    }

    private static Duration positive(String option, String text, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidInputException(option + " " + text + " must be longer than nothing");
        }
        return duration;
    }
}
