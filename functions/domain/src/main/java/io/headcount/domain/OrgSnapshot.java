package io.headcount.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything regroup decides from: the org's policy, roster, groups (archived ones included, so that new group ids
 * never reuse theirs), memberships and recent interactions, at one instant.
 */
public record OrgSnapshot(Policy policy, Instant now, List<RosterEntry> members, List<Group> groups,
        List<Membership> memberships, List<Interaction> interactions) {

    public OrgSnapshot {
        members = List.copyOf(members);
        groups = List.copyOf(groups);
        memberships = List.copyOf(memberships);
        interactions = List.copyOf(interactions);
    }

    /**
     * A digest of what a plan changes: groups, their seats and the roster's functions, projects and statuses. A plan
     * made from one snapshot is stale once the org's fingerprint differs (activity and time do not count).
     */
    public String fingerprint() {
        List<String> lines = new ArrayList<>();
        for (Group g : groups) {
            lines.add("G|" + g.groupId() + "|" + g.status() + "|" + g.kind() + "|" + g.key() + "|" + g.cap() + "|"
                    + g.minSize() + "|" + String.join(",", g.admins().stream().sorted().toList()));
        }
        for (Membership m : memberships) {
            lines.add("S|" + m.groupId() + "|" + m.userId() + "|" + m.role());
        }
        for (RosterEntry m : members) {
            lines.add("M|" + m.userId() + "|" + m.status() + "|" + m.function() + "|"
                    + String.join(",", m.projects().stream().sorted().toList()) + "|" + m.flaggedAt());
        }
        lines.sort(Comparator.naturalOrder());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                // UTF-16 units, two bytes each: the same digest whatever the platform's charset.
                byte[] bytes = new byte[line.length() * 2 + 2];
                for (int i = 0; i < line.length(); i++) {
                    bytes[2 * i] = (byte) (line.charAt(i) >>> 8);
                    bytes[2 * i + 1] = (byte) line.charAt(i);
                }
                bytes[bytes.length - 1] = '\n';
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
