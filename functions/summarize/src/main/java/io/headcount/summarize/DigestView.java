package io.headcount.summarize;

import io.headcount.domain.Digest;
import java.util.List;
import java.util.Map;

/**
 * A digest as the API answers it: every contract field under its contract name, times as ISO-8601 strings.
 * {@code silentMembers} is absent for readers who may not see it.
 */
record DigestView(
        String groupId,
        String period,
        String date,
        int messages,
        int activeMembers,
        int members,
        double participation,
        double messagesPerMember,
        Map<String, Integer> tags,
        int untagged,
        double untaggedShare,
        Questions questions,
        FirstResponse firstResponse,
        Health health,
        List<Topic> topics,
        List<Item> keyMessages,
        List<Task> tasks,
        List<Item> feedback,
        List<Item> cases,
        List<String> silentMembers,
        Overload overload,
        int removedByAdmin,
        String text) {

    record Questions(int asked, int answered, List<Open> open) {
    }

    record Open(String messageId, String userId, String at) {
    }

    record FirstResponse(Long medianSeconds, Long p90Seconds, int answered) {
    }

    record Health(int score, Map<String, Integer> parts, Integer change) {
    }

    record Topic(String word, int messages) {
    }

    record Item(String messageId, String userId, String at, String excerpt) {
    }

    record Task(String messageId, String userId, String at, List<String> owners, String excerpt) {
    }

    record Overload(boolean flagged, List<String> reasons) {
    }

    static DigestView of(Digest d, String text, boolean withSilentMembers) {
        return new DigestView(d.groupId(), d.period().name().toLowerCase(java.util.Locale.ROOT), d.date().toString(),
                d.messages(), d.activeMembers(), d.members(), d.participation(), d.messagesPerMember(), d.tags(),
                d.untagged(), d.untaggedShare(),
                new Questions(d.questions().asked(), d.questions().answered(), d.questions().open().stream()
                        .map(q -> new Open(q.messageId(), q.userId(), q.at().toString())).toList()),
                new FirstResponse(d.firstResponse().medianSeconds(), d.firstResponse().p90Seconds(),
                        d.firstResponse().answered()),
                new Health(d.health().score(), d.health().parts(), d.health().change()),
                d.topics().stream().map(t -> new Topic(t.word(), t.messages())).toList(),
                items(d.keyMessages()),
                d.tasks().stream().map(t -> new Task(t.messageId(), t.userId(), t.at().toString(), t.owners(),
                        t.excerpt())).toList(),
                items(d.feedback()), items(d.cases()),
                withSilentMembers ? d.silentMembers() : null,
                new Overload(d.overload().flagged(), d.overload().reasons()), d.removedByAdmin(), text);
    }

    private static List<Item> items(List<Digest.Item> items) {
        return items.stream().map(i -> new Item(i.messageId(), i.userId(), i.at().toString(), i.excerpt())).toList();
    }
}
