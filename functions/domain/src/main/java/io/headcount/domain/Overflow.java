package io.headcount.domain;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the next group of a full pool, the live-group-code way: the base name plus a running number
 * ("华东客户维护群 3"), same kind, key, cap and rules as the group it overflows from.
 */
public final class Overflow {

    private static final Pattern NUMBERED = Pattern.compile(".*-(\\d{1,6})");

    private Overflow() {
    }

    public static Group open(Group full, List<Group> pool) {
        String root = full.rootId();
        int number = nextNumber(root, pool);
        String id = idFor(root, number);
        // Never name a group that already exists: a sibling an administrator called "root-2" by hand, or the root
        // itself when truncating a 64-character id gives it back ("<62 chars>-2").
        while (taken(id, root, full, pool)) {
            number++;
            id = idFor(root, number);
        }
        String rootName = pool.stream()
                .filter(g -> g.groupId().equals(root))
                .map(Group::name)
                .findFirst()
                .orElse(full.name());
        return new Group(id, rootName + " " + number, full.kind(), full.key(), full.cap(), full.minSize(),
                full.admins(), 0, 0, GroupStatus.ACTIVE, root, full.overflow(), full.welcome(), null);
    }

    /** The root id plus "-number", the root cut short when needed so that the id keeps within 64 characters. */
    static String idFor(String root, int number) {
        String suffix = "-" + number;
        String base = root.length() + suffix.length() > Ids.MAX_LENGTH
                ? root.substring(0, Ids.MAX_LENGTH - suffix.length())
                : root;
        return base + suffix;
    }

    private static boolean taken(String id, String root, Group full, List<Group> pool) {
        if (id.equals(root) || id.equals(full.groupId())) {
            return true;
        }
        for (Group g : pool) {
            if (g.groupId().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** One past the highest number already used by the root's chain, archived groups included; the root is 1. */
    static int nextNumber(String root, List<Group> pool) {
        int highest = 1;
        for (Group g : pool) {
            Matcher m = NUMBERED.matcher(g.groupId());
            if (root.equals(g.overflowOf()) && m.matches()) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
        }
        return highest + 1;
    }
}
