package io.headcount.admin;

import io.headcount.adapters.ApiError;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.adapters.MemberItems;
import io.headcount.adapters.PlatformLinks;
import io.headcount.adapters.Table;
import io.headcount.adapters.Write;
import io.headcount.domain.Checked;
import io.headcount.domain.Ids;
import io.headcount.domain.Member;
import io.headcount.domain.MemberSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes a roster file into the table: each row checked as PUT member checks it, then the members read in
 * batches, unchanged ones left alone, brand-new ones without platform ids put in batches, and the rest (changed
 * members, and anyone whose platform user ids must stay unique) updated in transactions of up to 100 writes. A
 * transaction that is cancelled (someone changed a member or claimed a platform id meanwhile) is redone member by
 * member through PUT member's own path, so one conflict costs only its row.
 */
@ApplicationScoped
class RosterImport {
    /** Most writes DynamoDB takes in one transaction. */
    static final int TRANSACTION_WRITES = 100;

    private final Table table;
    private final Roster roster;

    RosterImport(Table table, Roster roster) {
        this.table = table;
        this.roster = roster;
    }

    /** A valid row: the member it describes, as checked without the stored record. */
    private record Entry(RosterFile.Row row, Member member) {
    }

    /** A row that changes the table: the member as stored before (null when new) and after. */
    private record Change(RosterFile.Row row, Member before, Member after, List<Write> links) {
        List<Write> writes(String org) {
            List<Write> writes = new ArrayList<>();
            if (before == null) {
                writes.add(Write.put(MemberItems.item(org, after)).ifAbsent());
            } else {
                Write upsert = MemberItems.upsert(org, after);
                if (!links.isEmpty()) {
                    // As PUT member: the links moved are those read, so the member's ids must still be those.
                    upsert.when("#platformUserIds = :linked").value(":linked", Attrs.map(before.platformUserIds()));
                }
                writes.add(upsert);
            }
            writes.addAll(links);
            return writes;
        }
    }

    ImportAnswer run(String org, RosterFile.Rows file) {
        Errors errors = new Errors(file.format());
        List<Entry> entries = check(file.rows(), errors);
        Map<Keys.Key, Map<String, AttributeValue>> stored = table.getAll(entries.stream()
                .map(e -> Keys.member(org, e.member().userId())).toList());
        List<Change> changes = new ArrayList<>();
        int unchanged = 0;
        for (Entry entry : entries) {
            Map<String, AttributeValue> item = stored.get(Keys.member(org, entry.member().userId()));
            Member before = item == null ? null : MemberItems.from(item);
            Member after = entry.row().spec().toMember(entry.member().userId(), before).value();
            if (before != null && Roster.sameSetup(before, after)) {
                unchanged++;
            } else {
                List<Write> links = PlatformLinks.changes(
                        PlatformLinks.ofMember(org, before == null ? Map.of() : before.platformUserIds()),
                        PlatformLinks.ofMember(org, after.platformUserIds()), after.userId());
                changes.add(new Change(entry.row(), before, after, links));
            }
        }
        List<Change> writable = withoutTakenIds(org, changes, errors);
        int upserted = write(org, writable, errors);
        int rows = file.rows().size();
        return new ImportAnswer(rows, upserted, unchanged, rows - upserted - unchanged, errors.list());
    }

    /** The rows that can be written: valid, each member once, each platform user id given to one member only. */
    private static List<Entry> check(List<RosterFile.Row> rows, Errors errors) {
        Map<String, Integer> rowOfUser = new HashMap<>();
        Map<String, RosterFile.Row> rowOfPlatformId = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (RosterFile.Row row : rows) {
            if (row.problem() != null) {
                errors.add(row, row.problem().field(), row.problem().problem());
                continue;
            }
            Integer first = row.userId() == null ? null : rowOfUser.putIfAbsent(row.userId(), row.row());
            if (first != null) {
                errors.add(row, "userId", "repeats the member of row " + first + "; each member once per file");
                continue;
            }
            Checked<Member> checked = row.spec().toMember(row.userId(), null);
            if (!checked.isValid()) {
                checked.violations().forEach(v -> errors.add(row, v.field(), v.problem()));
                continue;
            }
            Member member = checked.value();
            boolean claimedBefore = false;
            for (Map.Entry<String, String> id : new TreeMap<>(member.platformUserIds()).entrySet()) {
                RosterFile.Row owner = rowOfPlatformId.get(id.getKey() + "#" + id.getValue());
                if (owner != null) {
                    errors.add(row, "platformUserIds." + id.getKey(), "is also given to " + owner.userId()
                            + " in row " + owner.row());
                    claimedBefore = true;
                }
            }
            if (!claimedBefore) {
                member.platformUserIds().forEach((platform, id) -> rowOfPlatformId.put(platform + "#" + id, row));
                entries.add(new Entry(row, member));
            }
        }
        return entries;
    }

    /**
     * Drops, as row errors, the changes that claim a platform user id another member already has (read in
     * batches, so a conflict costs no cancelled transaction).
     */
    private List<Change> withoutTakenIds(String org, List<Change> changes, Errors errors) {
        List<Keys.Key> claimed = new ArrayList<>();
        for (Change change : changes) {
            claimed.addAll(gained(org, change).keySet());
        }
        if (claimed.isEmpty()) {
            return changes;
        }
        Map<Keys.Key, Map<String, AttributeValue>> links = table.getAll(claimed);
        List<Change> free = new ArrayList<>();
        for (Change change : changes) {
            boolean taken = false;
            for (Map.Entry<Keys.Key, String> link : gained(org, change).entrySet()) {
                Map<String, AttributeValue> item = links.get(link.getKey());
                String owner = item == null ? null : PlatformLinks.owner(item);
                if (owner != null && !owner.equals(change.after().userId())) {
                    errors.add(change.row(), "platformUserIds." + link.getValue(), "already belongs to " + owner);
                    taken = true;
                }
            }
            if (!taken) {
                free.add(change);
            }
        }
        return free;
    }

    /** The links a change adds, with the platform each is of. */
    private static Map<Keys.Key, String> gained(String org, Change change) {
        Map<Keys.Key, String> gained = new HashMap<>();
        Map<String, String> before = change.before() == null ? Map.of() : change.before().platformUserIds();
        change.after().platformUserIds().forEach((platform, id) -> {
            if (!id.equals(before.get(platform))) {
                gained.put(Keys.userLink(org, platform, id), platform);
            }
        });
        return gained;
    }

    /** Writes the changes; answers how many members were written. */
    private int write(String org, List<Change> changes, Errors errors) {
        List<Map<String, AttributeValue>> plain = new ArrayList<>();
        List<Change> transacted = new ArrayList<>();
        for (Change change : changes) {
            if (change.before() == null && change.links().isEmpty()) {
                plain.add(MemberItems.item(org, change.after()));
            } else {
                transacted.add(change);
            }
        }
        // Transactions first: the emulator copies the whole table for each write of a transaction, so they cost
        // least while the table is small. (DynamoDB does not care about the order.)
        int written = 0;
        List<Change> chunk = new ArrayList<>();
        int chunkWrites = 0;
        for (Change change : transacted) {
            int size = 1 + change.links().size();
            if (chunkWrites + size > TRANSACTION_WRITES) {
                written += transact(org, chunk, errors);
                chunk.clear();
                chunkWrites = 0;
            }
            chunk.add(change);
            chunkWrites += size;
        }
        written += transact(org, chunk, errors);
        // New members without platform ids have nothing to keep unique: the cheapest write there is.
        table.putAll(plain);
        return written + plain.size();
    }

    private int transact(String org, List<Change> chunk, Errors errors) {
        if (chunk.isEmpty()) {
            return 0;
        }
        List<Write> writes = new ArrayList<>();
        chunk.forEach(change -> writes.addAll(change.writes(org)));
        try {
            table.transact(writes);
            return chunk.size();
        } catch (TransactionCanceledException e) {
            return oneByOne(org, chunk, errors);
        }
    }

    /** After a cancelled transaction: each member through PUT member's path, which reads it afresh. */
    private int oneByOne(String org, List<Change> chunk, Errors errors) {
        int written = 0;
        for (Change change : chunk) {
            Member m = change.after();
            try {
                roster.saveMember(org, m.userId(), new MemberSpec(m.name(), m.function(), m.projects(),
                        m.platformUserIds(), m.status().name()));
                written++;
            } catch (ApiError conflict) {
                errors.add(change.row(), changedIds(change), conflict.getMessage());
            }
        }
        return written;
    }

    /** The field of a member's platform ids that changed, named by platform when only one did. */
    private static String changedIds(Change change) {
        Map<String, String> before = change.before() == null ? Map.of() : change.before().platformUserIds();
        Map<String, String> after = change.after().platformUserIds();
        List<String> changed = MemberSpec.PLATFORMS.stream().sorted()
                .filter(p -> !Objects.equals(before.get(p), after.get(p))).toList();
        return changed.size() == 1 ? "platformUserIds." + changed.get(0) : "platformUserIds";
    }

    /** Row errors in the words of the file's format, at most {@link ImportAnswer#MAX_ERRORS} of them kept. */
    private static final class Errors {
        private final RosterFile.Format format;
        private final List<ImportAnswer.RowError> list = new ArrayList<>();

        Errors(RosterFile.Format format) {
            this.format = format;
        }

        void add(RosterFile.Row row, String field, String problem) {
            if (list.size() < ImportAnswer.MAX_ERRORS) {
                list.add(new ImportAnswer.RowError(row.row(), shown(row.userId()), format.field(field),
                        format.message(field, problem)));
            }
        }

        List<ImportAnswer.RowError> list() {
            List<ImportAnswer.RowError> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparingInt(ImportAnswer.RowError::row));
            return sorted;
        }

        /** A userId is echoed only when it is one, so that an answer never carries arbitrary text back. */
        private static String shown(String userId) {
            return Ids.isValid(userId) ? userId : null;
        }
    }
}
