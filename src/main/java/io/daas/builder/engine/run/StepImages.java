package io.daas.builder.engine.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image of each running or ended build's last finished step, read from the classic builder's
 * {@code ---> <id>} lines, so that what a failed build leaves untagged can be removed later by id
 * instead of by an engine-wide prune. Kept in memory: after a restart such images stay.
 */
final class StepImages {

    private static final Pattern STEP_IMAGE = Pattern.compile("^ ---> ([0-9a-f]{12,64})$");

    private final Map<String, String> newest = new ConcurrentHashMap<>();

    /** Notes the step image a build's output line names; a build that tagged its image leaves nothing. */
    void see(String tag, String line) {
        String text = line.stripTrailing();
        Matcher m = STEP_IMAGE.matcher(text);
        if (m.matches()) {
            newest.put(tag, m.group(1));
        } else if (text.equals("Successfully tagged " + tag)) {
            newest.remove(tag);
        }
    }

    /** The last step image noted for the build with this tag, now forgotten; null when none. */
    String forget(String tag) {
        return newest.remove(tag);
    }
}
