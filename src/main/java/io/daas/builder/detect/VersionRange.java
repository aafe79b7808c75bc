package io.daas.builder.detect;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a version constraint (npm semver ranges, PEP 440 specifiers, Composer and Poetry
 * carets) to one of a list of image versions such as "22" or "3.12".
 */
final class VersionRange {

    private static final Pattern COMPARATOR = Pattern.compile("^(\\^|~=|~|>=|<=|>|<|===|==|=|!=)?v?([0-9xX*.]*)$");
    private static final int LATEST = 999;

    private VersionRange() {}

    /** The first candidate (in preference order) that satisfies the constraint. */
    static Optional<String> pick(String constraint, List<String> candidates) {
        return candidates.stream().filter(c -> satisfies(constraint, c)).findFirst();
    }

    /** Whether the newest release of a candidate line ("22", "3.12") satisfies the constraint. */
    static boolean satisfies(String constraint, String candidate) {
        String[] parts = candidate.split("\\.");
        int[] version = {number(parts[0]), parts.length > 1 ? number(parts[1]) : LATEST, LATEST};
        String normalized = constraint.strip().replaceAll("([<>=!~^]+)\\s+", "$1");
        for (String alternative : normalized.split("\\|\\|?")) {
            if (allMatch(alternative.strip(), version, parts.length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allMatch(String group, int[] version, int granularity) {
        if (group.isEmpty()) {
            return true;
        }
        for (String comparator : group.split("[,\\s]+")) {
            if (!comparator.isEmpty() && !matches(comparator, version, granularity)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String comparator, int[] version, int granularity) {
        Matcher m = COMPARATOR.matcher(comparator);
        if (!m.matches()) {
            return true; // pre-release tags and other syntax we do not model do not exclude a line
        }
        String op = m.group(1) == null ? "=" : m.group(1);
        String[] raw = m.group(2).split("\\.");
        int given = 0;
        int[] spec = new int[3];
        for (String part : raw) {
            if (given == 3 || part.isEmpty() || part.equalsIgnoreCase("x") || part.equals("*")) {
                break;
            }
            spec[given++] = number(part);
        }
        if (given == 0) {
            return true; // "*", "x", ""
        }
        return switch (op) {
            case "^" -> compare(version, spec) >= 0 && compare(version, caretLimit(spec, given)) < 0;
            case "~" -> compare(version, spec) >= 0 && compare(version, bump(spec, given == 1 ? 0 : 1)) < 0;
            case "~=" -> compare(version, spec) >= 0 && compare(version, bump(spec, Math.max(0, given - 2))) < 0;
            case ">=" -> compare(version, spec) >= 0;
            case ">" -> compare(version, given < 3 ? bump(spec, given - 1) : spec) > (given < 3 ? -1 : 0);
            case "<=" -> given < 3 ? compare(version, bump(spec, given - 1)) < 0 : compare(version, spec) <= 0;
            case "<" -> compare(lowest(version), spec) < 0;
            case "!=" -> !prefixEquals(version, spec, Math.min(given, granularity));
            default -> prefixEquals(version, spec, Math.min(given, granularity));
        };
    }

    private static int[] caretLimit(int[] spec, int given) {
        if (spec[0] > 0 || given == 1) {
            return bump(spec, 0);
        }
        return spec[1] > 0 || given == 2 ? bump(spec, 1) : bump(spec, 2);
    }

    private static int[] bump(int[] spec, int index) {
        int[] next = new int[3];
        System.arraycopy(spec, 0, next, 0, index);
        next[index] = spec[index] + 1;
        return next;
    }

    /** For an upper bound, any release of the line counts: 3.11 is below 3.12 because 3.11.0 is. */
    private static int[] lowest(int[] version) {
        return new int[] {version[0], version[1] == LATEST ? 0 : version[1], 0};
    }

    private static boolean prefixEquals(int[] version, int[] spec, int parts) {
        for (int i = 0; i < parts; i++) {
            if (version[i] != spec[i]) {
                return false;
            }
        }
        return true;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static int number(String part) {
        String digits = part.replaceAll("[^0-9].*$", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }
}
