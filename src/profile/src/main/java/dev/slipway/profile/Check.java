package dev.slipway.profile;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A rule a field's value (or each item of a list field) must follow, with the words that tell the
 * user what is allowed when it does not.
 *
 * @param allowed completes "must be ...", as in "must be one of debian, oci, tar, dir"
 */
record Check(String allowed, Predicate<Object> accepts) {

    static final Check ANY = new Check("anything", value -> true);

    /** A string matching {@code regex} in full; {@code what} says it in words. */
    static Check pattern(String regex, String what) {
        Pattern pattern = Pattern.compile(regex);
        return new Check(what + " (" + regex + ")", value -> pattern.matcher((String) value).matches());
    }

    static Check oneOf(String... values) {
        List<String> allowed = List.of(values);
        return new Check("one of " + String.join(", ", allowed), allowed::contains);
    }

    static Check atLeast(long minimum) {
        return new Check("an integer >= " + minimum, value -> (Long) value >= minimum);
    }
}
