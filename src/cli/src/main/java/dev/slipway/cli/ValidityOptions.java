package dev.slipway.cli;

import dev.slipway.trust.pki.Validity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Option;

/** --valid-from and --valid-until, shared by the keys commands that issue certificates. */
final class ValidityOptions {

    @Option(names = "--valid-from", paramLabel = "TIME",
            description = "Start of validity: 2026-01-01 or 2026-01-01T12:00:00Z. Default: now (or as described).")
    String from;

    @Option(names = "--valid-until", paramLabel = "TIME",
            description = "End of validity, same forms. Signatures made after it are refused, older ones stay valid.")
    String until;

    /** The validity the user asked for, each end falling back to the given default. */
    Validity resolve(Instant defaultFrom, Instant defaultUntil) {
        Instant start = from == null ? defaultFrom : parse("--valid-from", from);
        Instant end = until == null ? defaultUntil : parse("--valid-until", until);
        if (end.isBefore(start)) {
            throw new InvalidInputException("the validity ends (" + end + ") before it starts (" + start
                    + "): give a later --valid-until");
        }
        return new Validity(start, end);
    }

    boolean given() {
        return from != null || until != null;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant parse(String option, String text) {
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(option + " " + text + " is not a date (2030-01-01) or UTC time"
                    + " (2030-01-01T00:00:00Z)");
        }
    }
}
