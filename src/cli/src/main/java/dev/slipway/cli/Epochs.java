package dev.slipway.cli;

import dev.slipway.tree.Timestamp;

/** Where a command's build time comes from when the user does not pass one. */
final class Epochs {

    static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    private Epochs() {
    }

    /** {@code --epoch} if given, else SOURCE_DATE_EPOCH if set, else null (the input decides). */
    static Timestamp explicit(Long epochOption) {
        if (epochOption != null) {
            return checked(epochOption, "--epoch");
        }
        String env = System.getenv(SOURCE_DATE_EPOCH);
        if (env == null || env.isBlank()) {
            return null;
        }
        try {
            return checked(Long.parseLong(env.trim()), SOURCE_DATE_EPOCH);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(SOURCE_DATE_EPOCH + "='" + env
                    + "' is not a whole number of seconds since 1970; unset it or fix it");
        }
    }

    private static Timestamp checked(long seconds, String what) {
        if (seconds < 0) {
            throw new InvalidInputException(what + " must not be negative, got " + seconds);
        }
        return Timestamp.ofSeconds(seconds);
    }
}
