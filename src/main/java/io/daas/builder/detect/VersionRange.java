package io.daas.builder.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a version constraint (npm semver ranges, PEP 440 specifiers, Composer and Poetry
 * carets) to one of a list of image versions such as "22" or "3.12".
 */
public final class VersionRange {

    private static final Pattern COMPARATOR = Pattern.compile("^(\\^|~=|~|>=|<=|>|<|===|==|=|!=)?v?([0-9xX*.]*)$");
    private static final int LATEST = 999;

    private VersionRange() {}

    /** The first candidate (in preference order) that satisfies the constraint. */
    public static Optional<String> pick(String constraint, List<String> candidates) {
        return candidates.stream().filter(c -> satisfies(constraint, c)).findFirst();
    }

    /**
     * Whether some release of a candidate line ("22" is 22.x.y, "3.12" is 3.12.x) satisfies the
     * constraint. Tried: the line's first and newest releases and the versions the constraint names
     * inside the line, which is where a range's bounds can fall.
     */
    static boolean satisfies(String constraint, String candidate) {
        String[] parts = candidate.split("\\.");
        int granularity = parts.length;
        int[] line = {number(parts[0]), granularity > 1 ? number(parts[1]) : 0, 0};
        String normalized = constraint.strip().replaceAll("([<>=!~^]+)\\s+", "$1");
        for (String alternative : normalized.split("\\|\\|?")) {
            List<String> comparators = List.of(alternative.strip().split("[,\\s]+"));
            List<int[]> points = new ArrayList<>();
            points.add(line);
            points.add(granularity > 1 ? new int[] {line[0], line[1], LATEST} : new int[] {line[0], LATEST, LATEST});
            for (String comparator : comparators) {
                int[] named = named(comparator);
                if (named != null && prefixEquals(named, line, granularity)) {
                    points.add(named);
                    points.add(new int[] {named[0], named[1], LATEST});
                }
            }
            for (int[] point : points) {
                if (comparators.stream().allMatch(c -> c.isEmpty() || matches(c, point, granularity))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The version a comparator names, or null for wildcards and syntax we do not model. */
    private static int[] named(String comparator) {
        Matcher m = COMPARATOR.matcher(comparator);
        if (!m.matches()
                || m.group(2).isEmpty()
                || !Character.isDigit(m.group(2).charAt(0))) {
            return null;
        }
        String[] raw = m.group(2).split("\\.");
        int[] version = new int[3];
        for (int i = 0; i < Math.min(3, raw.length) && !raw[i].isEmpty() && Character.isDigit(raw[i].charAt(0)); i++) {
            version[i] = number(raw[i]);
        }
        return version;
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
            case "<" -> compare(version, spec) < 0;
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
