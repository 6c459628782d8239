package io.headcount.domain;

import static io.headcount.domain.Fixtures.group;
import static io.headcount.domain.Fixtures.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OverflowTest {

    private final Group root = group("east-cm")
            .name("华东客户维护群")
            .kind(GroupKind.PROJECT)
            .key("p-east")
            .cap(12)
            .minSize(4)
            .admins(List.of("boss", "deputy"))
            .full()
            .waitlist(2)
            .overflow(OverflowMode.OPEN_OVERFLOW)
            .welcome("欢迎 {name}！先读群公告。")
            .platformChatId("oc_root")
            .build();

    private Group chain(String id, String name) {
        return group(id).name(name).kind(GroupKind.PROJECT).key("p-east").cap(12).full().overflowOf("east-cm")
                .overflow(OverflowMode.OPEN_OVERFLOW).build();
    }

    @Test
    void firstOverflowIsNumberTwoAndInheritsTheRules() {
        Group opened = Overflow.open(root, List.of(root));

        assertEquals("east-cm-2", opened.groupId());
        assertEquals("华东客户维护群 2", opened.name());
        assertEquals(GroupKind.PROJECT, opened.kind());
        assertEquals("p-east", opened.key());
        assertEquals(12, opened.cap());
        assertEquals(4, opened.minSize());
        assertEquals(List.of("boss", "deputy"), opened.admins());
        assertEquals(OverflowMode.OPEN_OVERFLOW, opened.overflow());
        assertEquals("欢迎 {name}！先读群公告。", opened.welcome());
        assertEquals(0, opened.memberCount());
        assertEquals(0, opened.waitlist());
        assertEquals(12, opened.free());
        assertEquals(GroupStatus.ACTIVE, opened.status());
        assertEquals("east-cm", opened.overflowOf());
        assertNull(opened.platformChatId(), "the new chat has no platform id until it is created there");
        assertTrue(opened.samePool(root));
    }

    @Test
    void openingFromAnOverflowGroupNumbersFromTheRootChain() {
        Group second = chain("east-cm-2", "华东客户维护群 2");
        Group third = chain("east-cm-3", "华东客户维护群 3");
        Group opened = Overflow.open(third, List.of(root, second, third));

        assertEquals("east-cm-4", opened.groupId());
        assertEquals("华东客户维护群 4", opened.name());
        assertEquals("east-cm", opened.overflowOf(), "chains stay flat: every overflow points at the root");
    }

    @Test
    void numberIsOnePastTheHighestEvenWithGaps() {
        Group opened = Overflow.open(root, List.of(root, chain("east-cm-2", "x"), chain("east-cm-7", "x")));
        assertEquals("east-cm-8", opened.groupId());
        assertEquals("华东客户维护群 8", opened.name());
    }

    @Test
    void archivedChainMembersStillReserveTheirNumbers() {
        Group archived = group("east-cm-5").kind(GroupKind.PROJECT).key("p-east").overflowOf("east-cm").archived()
                .build();
        Group opened = Overflow.open(root, List.of(root, chain("east-cm-2", "x"), archived));
        assertEquals("east-cm-6", opened.groupId());
    }

    @Test
    void groupsOfAnotherChainDoNotCount() {
        Group otherChain = group("west-cm-9").kind(GroupKind.PROJECT).key("p-east").overflowOf("west-cm").build();
        Group opened = Overflow.open(root, List.of(root, otherChain));
        assertEquals("east-cm-2", opened.groupId());
    }

    @Test
    void admissionOpensFromTheRootChainWhenAnOverflowGroupIsFull() {
        Group second = chain("east-cm-2", "华东客户维护群 2");
        Member m = Fixtures.member("u1").projects("p-east").build();
        Decision d = Admission.decide(new JoinRequest(second, m, false, Policy.DEFAULT, List.of(root, second)));
        assertEquals(Outcome.OVERFLOW_OPENED, d.outcome());
        assertEquals("east-cm-3", d.groupId());
        assertEquals("华东客户维护群 3", d.opened().name());
        assertEquals("east-cm", d.opened().overflowOf());
    }

    @Test
    void longestRootIdGivesAValidIdOfAtMost64Characters() {
        String longId = repeat('r', Ids.MAX_LENGTH);
        Group longRoot = group(longId).full().overflow(OverflowMode.OPEN_OVERFLOW).build();
        Group opened = Overflow.open(longRoot, List.of(longRoot));

        assertTrue(opened.groupId().length() <= Ids.MAX_LENGTH, opened.groupId());
        assertTrue(Ids.isValid(opened.groupId()), opened.groupId());
        assertTrue(opened.groupId().endsWith("-2"), opened.groupId());
        assertEquals(longId, opened.overflowOf());
        assertFalse(opened.groupId().equals(longId));
    }

    @Test
    void longestRootIdStaysValidAndDistinctAsTheNumberGrows() {
        String longId = repeat('r', Ids.MAX_LENGTH);
        Group longRoot = group(longId).full().overflow(OverflowMode.OPEN_OVERFLOW).build();
        List<Group> pool = new ArrayList<>(List.of(longRoot));
        for (int i = 2; i <= 120; i++) {
            Group opened = Overflow.open(longRoot, pool);
            assertTrue(Ids.isValid(opened.groupId()), opened.groupId());
            assertTrue(opened.groupId().endsWith("-" + i), opened.groupId());
            Set<String> ids = pool.stream().map(Group::groupId).collect(Collectors.toSet());
            assertFalse(ids.contains(opened.groupId()), "reused id " + opened.groupId());
            pool.add(new Group(opened.groupId(), opened.name(), opened.kind(), opened.key(), opened.cap(),
                    opened.minSize(), opened.admins(), opened.cap(), 0, GroupStatus.ACTIVE, opened.overflowOf(),
                    opened.overflow(), opened.welcome(), null));
        }
    }

    @Test
    void truncatedIdNeverEqualsTheRootItself() {
        // 62 characters then "-2": truncating the root to make room for "-2" would give the root's own id back
        String rootId = repeat('r', Ids.MAX_LENGTH - 2) + "-2";
        Group longRoot = group(rootId).full().overflow(OverflowMode.OPEN_OVERFLOW).build();
        Group opened = Overflow.open(longRoot, List.of(longRoot));

        assertTrue(Ids.isValid(opened.groupId()), opened.groupId());
        assertFalse(opened.groupId().equals(rootId), "the opened group must not reuse the root's id");
    }

    @Test
    void neverReusesTheIdOfAGroupAlreadyInThePool() {
        // an administrator created "east-cm-2" by hand (not an overflow group) in the same pool
        Group manual = group("east-cm-2").name("华东客户维护群 二组").kind(GroupKind.PROJECT).key("p-east").cap(12).full()
                .build();
        Group opened = Overflow.open(root, List.of(root, manual));

        assertFalse(opened.groupId().equals("east-cm-2"), "must not name an existing group as the new one");
        assertEquals("east-cm-3", opened.groupId());
        assertEquals("华东客户维护群 3", opened.name());
    }

    @Test
    void decisionNeverOpensAGroupThatAlreadyExists() {
        Group manual = group("east-cm-2").kind(GroupKind.PROJECT).key("p-east").cap(12).full().build();
        Member m = Fixtures.member("u1").projects("p-east").build();
        Decision d = Admission.decide(new JoinRequest(root, m, false, Policy.DEFAULT, List.of(root, manual)));
        assertEquals(Outcome.OVERFLOW_OPENED, d.outcome());
        assertFalse(d.groupId().equals("east-cm-2"));
        assertFalse(d.groupId().equals("east-cm"));
    }
}
