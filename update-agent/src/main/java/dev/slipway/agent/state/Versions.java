package dev.slipway.agent.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders image versions as systemd-boot orders entries by their {@code version} line (its "improved
 * strverscmp"), so that "newer" means the same to the agent and to the bootloader: runs of digits compare
 * as numbers, runs of letters as text, a number is newer than letters, a version that continues a shorter
 * one is newer, and {@code ~} marks a pre-release, older than the version without it. Separators
 * ({@code . - _ +}) only split runs.
 */
public final class Versions {

    public static final Comparator<String> ORDER = Versions::compare;

    private Versions() {
    }

    public static int compare(String a, String b) {
        List<String> left = tokens(a);
        List<String> right = tokens(b);
        for (int i = 0; ; i++) {
            boolean leftEnds = i >= left.size();
            boolean rightEnds = i >= right.size();
            if (leftEnds && rightEnds) {
                return 0;
            }
            String x = leftEnds ? null : left.get(i);
            String y = rightEnds ? null : right.get(i);
            // A tilde is older than anything, even the end of the other version.
            if ("~".equals(x) || "~".equals(y)) {
                if ("~".equals(x) && "~".equals(y)) {
                    continue;
                }
                return "~".equals(x) ? -1 : 1;
            }
            if (leftEnds || rightEnds) {
                return leftEnds ? -1 : 1;
            }
            int order = compareToken(x, y);
            if (order != 0) {
                return order;
            }
        }
    }

    private static int compareToken(String x, String y) {
        boolean xDigits = Character.isDigit(x.charAt(0));
        boolean yDigits = Character.isDigit(y.charAt(0));
        if (xDigits && yDigits) {
            String xs = stripZeros(x);
            String ys = stripZeros(y);
            return xs.length() != ys.length() ? Integer.compare(xs.length(), ys.length()) : xs.compareTo(ys);
        }
        if (xDigits != yDigits) {
            return xDigits ? 1 : -1;
        }
        return x.compareTo(y);
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static List<String> tokens(String version) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < version.length()) {
            char c = version.charAt(i);
            if (c == '~') {
                tokens.add("~");
                i++;
            } else if (Character.isLetterOrDigit(c)) {
                boolean digit = Character.isDigit(c);
                int start = i;
                while (i < version.length() && Character.isLetterOrDigit(version.charAt(i))
                        && Character.isDigit(version.charAt(i)) == digit) {
                    i++;
                }
                tokens.add(version.substring(start, i));
            } else {
                i++;
            }
        }
        return tokens;
    }
}
