package io.headcount.domain;

import static io.headcount.domain.Fixtures.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GroupSpecTest {

    private static final Policy POLICY = Policy.DEFAULT;
    private static final String ID = "east-cm";

    /** A valid spec; each invalid case changes one thing. */
    private static final class Spec {
        String name = "华东客户维护群";
        String kind = "FUNCTION";
        String key = "customer-maintenance";
        Integer cap = 15;
        Integer minSize = 5;
        List<String> admins = List.of("boss");
        String overflow = "REDIRECT";
        String welcome = "欢迎 {name}";
        String platformChatId = "oc_5ce6d572455d361153b7cb51da133945";

        GroupSpec build() {
            return new GroupSpec(name, kind, key, cap, minSize, admins, overflow, welcome, platformChatId);
        }
    }

    private interface Change {
        void apply(Spec s);
    }

    private static Arguments invalid(String label, Change change, String field) {
        return invalid(label, ID, POLICY, change, field);
    }

    private static Arguments invalid(String label, String groupId, Policy policy, Change change, String field) {
        Spec s = new Spec();
        change.apply(s);
        return Arguments.of(label, s.build(), groupId, policy, field);
    }

    private static List<String> ids(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "admin-" + i).collect(Collectors.toList());
    }

    static Stream<Arguments> invalidSpecs() {
        Policy smallHardCap = new Policy(15, 5, 200, 5, Eligibility.MATCH, OverflowMode.DENY, 30, "Asia/Shanghai",
                Language.ZH_CN, 90, TopicTag.DEFAULT_TAGS, false, ScoreWeights.DEFAULT, 7, false);
        return Stream.of(
                invalid("missing name", s -> s.name = null, "name"),
                invalid("empty name", s -> s.name = "", "name"),
                invalid("blank name", s -> s.name = " \t ", "name"),
                invalid("101-character name", s -> s.name = repeat('群', 101), "name"),
                invalid("bell character in name", s -> s.name = "华东\u0007群", "name"),
                invalid("NUL in name", s -> s.name = "east\u0000", "name"),
                invalid("escape in name", s -> s.name = "\u001b[31mred", "name"),
                invalid("DEL in name", s -> s.name = "east\u007f", "name"),
                invalid("C1 control in name", s -> s.name = "east\u0085", "name"),
                invalid("missing kind", s -> s.kind = null, "kind"),
                invalid("unknown kind", s -> s.kind = "TEAM", "kind"),
                invalid("lower-case kind", s -> s.kind = "function", "kind"),
                invalid("missing key", s -> s.key = null, "key"),
                invalid("invalid key", s -> s.key = "客户维护", "key"),
                invalid("key with a space", s -> s.key = "customer maintenance", "key"),
                invalid("65-character key", s -> s.key = repeat('k', 65), "key"),
                invalid("missing cap", s -> s.cap = null, "cap"),
                invalid("cap 0", s -> { s.cap = 0; s.minSize = null; }, "cap"),
                invalid("cap -1", s -> { s.cap = -1; s.minSize = null; }, "cap"),
                invalid("cap above hard cap", s -> s.cap = POLICY.hardCap() + 1, "cap"),
                invalid("cap above a policy's smaller hard cap", ID, smallHardCap, s -> s.cap = 201, "cap"),
                invalid("minSize above cap", s -> { s.cap = 10; s.minSize = 11; }, "minSize"),
                invalid("minSize 0", s -> s.minSize = 0, "minSize"),
                invalid("minSize -3", s -> s.minSize = -3, "minSize"),
                invalid("admins null", s -> s.admins = null, "admins"),
                invalid("admin with invalid id", s -> s.admins = List.of("li lei"), "admins[0]"),
                invalid("second admin invalid", s -> s.admins = List.of("boss", "a/b"), "admins[1]"),
                invalid("null admin", s -> s.admins = Arrays.asList("boss", null), "admins[1]"),
                invalid("repeated admin", s -> s.admins = List.of("boss", "deputy", "boss"), "admins"),
                invalid("21 admins", s -> s.admins = ids(GroupSpec.MAX_ADMINS + 1), "admins"),
                invalid("unknown overflow", s -> s.overflow = "SPILL", "overflow"),
                invalid("lower-case overflow", s -> s.overflow = "redirect", "overflow"),
                invalid("welcome over 1000 characters", s -> s.welcome = repeat('欢', 1001), "welcome"),
                invalid("control character in welcome", s -> s.welcome = "hi\u0000", "welcome"),
                invalid("platformChatId too long", s -> s.platformChatId = repeat('c', 129), "platformChatId"),
                invalid("control character in platformChatId", s -> s.platformChatId = "C1\r", "platformChatId"),
                invalid("invalid groupId", "east cm", POLICY, s -> { }, "groupId"),
                invalid("missing groupId", null, POLICY, s -> { }, "groupId"),
                invalid("65-character groupId", repeat('g', 65), POLICY, s -> { }, "groupId"),
                invalid("unicode groupId", "华东", POLICY, s -> { }, "groupId"));
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("invalidSpecs")
    void invalidSpecNamesTheField(String label, GroupSpec spec, String groupId, Policy policy, String field) {
        Checked<Group> checked = spec.toGroup(groupId, policy, null);

        assertFalse(checked.isValid(), label);
        assertNull(checked.value(), label);
        Set<String> fields = checked.violations().stream().map(Violation::field).collect(Collectors.toSet());
        assertTrue(fields.contains(field), label + ": expected " + field + " in " + checked.violations());
        assertTrue(checked.violations().stream().allMatch(v -> !v.problem().isBlank()), label);
    }

    @Test
    void theBaseSpecOfTheTableIsValid() {
        Checked<Group> checked = new Spec().build().toGroup(ID, POLICY, null);
        assertTrue(checked.isValid(), checked.violations()::toString);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        GroupSpec spec = new GroupSpec("", "TEAM", null, 0, null, null, "SPILL", null, null);
        Set<String> fields = spec.toGroup("bad id", POLICY, null).violations().stream().map(Violation::field)
                .collect(Collectors.toSet());
        assertEquals(Set.of("groupId", "name", "kind", "key", "cap", "admins", "overflow"), fields);
    }

    @Test
    void newGroupTakesMinSizeAndOverflowFromThePolicy() {
        Policy policy = new Policy(15, 6, 500, 5, Eligibility.MATCH, OverflowMode.WAITLIST, 30, "Asia/Shanghai",
                Language.ZH_CN, 90, TopicTag.DEFAULT_TAGS, false, ScoreWeights.DEFAULT, 7, false);
        GroupSpec spec = new GroupSpec("华东客户维护群", "FUNCTION", "customer-maintenance", 15, null, List.of(), null,
                null, null);
        Group g = spec.toGroup(ID, policy, null).value();

        assertEquals(6, g.minSize());
        assertEquals(OverflowMode.WAITLIST, g.overflow());
        assertEquals(List.of(), g.admins(), "admins may be empty; regroup appoints one");
        assertNull(g.welcome());
        assertNull(g.platformChatId());
    }

    @Test
    void defaultMinSizeNeverExceedsASmallCap() {
        GroupSpec spec = new GroupSpec("tiny", "GENERAL", "all", 3, null, List.of(), null, null, null);
        Group g = spec.toGroup(ID, POLICY, null).value();
        assertEquals(3, g.cap());
        assertEquals(3, g.minSize());
    }

    @Test
    void newGroupIsEmptyAndActive() {
        Group g = new Spec().build().toGroup(ID, POLICY, null).value();

        assertEquals(ID, g.groupId());
        assertEquals("华东客户维护群", g.name());
        assertEquals(GroupKind.FUNCTION, g.kind());
        assertEquals("customer-maintenance", g.key());
        assertEquals(15, g.cap());
        assertEquals(5, g.minSize());
        assertEquals(List.of("boss"), g.admins());
        assertEquals(OverflowMode.REDIRECT, g.overflow());
        assertEquals("欢迎 {name}", g.welcome());
        assertEquals("oc_5ce6d572455d361153b7cb51da133945", g.platformChatId());
        assertEquals(0, g.memberCount());
        assertEquals(0, g.waitlist());
        assertEquals(GroupStatus.ACTIVE, g.status());
        assertNull(g.overflowOf());
    }

    @Test
    void updateCarriesOverSeatsWaitlistStatusAndChain() {
        Group existing = Fixtures.group(ID).members(9).waitlist(2).archived().overflowOf("east").build();
        Group g = new Spec().build().toGroup(ID, POLICY, existing).value();

        assertEquals(9, g.memberCount());
        assertEquals(2, g.waitlist());
        assertEquals(GroupStatus.ARCHIVED, g.status());
        assertEquals("east", g.overflowOf());
        assertEquals("华东客户维护群", g.name(), "the spec's fields replace the old ones");
    }

    @Test
    void loweringTheCapBelowTheCurrentMembersIsAllowed() {
        Group existing = Fixtures.group(ID).cap(15).members(14).build();
        Spec s = new Spec();
        s.cap = 10;
        Checked<Group> checked = s.build().toGroup(ID, POLICY, existing);

        assertTrue(checked.isValid(), checked.violations()::toString);
        assertEquals(10, checked.value().cap());
        assertEquals(14, checked.value().memberCount());
        assertEquals(0, checked.value().free());
    }

    @Test
    void nameIsStripped() {
        Spec s = new Spec();
        s.name = "  华东客户维护群 \t";
        assertEquals("华东客户维护群", s.build().toGroup(ID, POLICY, null).value().name());
    }

    @Test
    void boundaryValuesAreValid() {
        List<Spec> specs = new ArrayList<>();
        Spec s = new Spec();
        s.name = repeat('群', GroupSpec.MAX_NAME);
        specs.add(s);
        s = new Spec();
        s.name = "😀".repeat(GroupSpec.MAX_NAME); // 100 code points, 200 chars
        specs.add(s);
        s = new Spec();
        s.cap = POLICY.hardCap();
        s.minSize = POLICY.hardCap();
        specs.add(s);
        s = new Spec();
        s.cap = 1;
        s.minSize = 1;
        specs.add(s);
        s = new Spec();
        s.admins = ids(GroupSpec.MAX_ADMINS);
        specs.add(s);
        s = new Spec();
        s.welcome = repeat('欢', GroupSpec.MAX_WELCOME);
        specs.add(s);
        s = new Spec();
        s.welcome = "第一行\n第二行\t{name}";
        specs.add(s);
        s = new Spec();
        s.platformChatId = repeat('c', GroupSpec.MAX_PLATFORM_ID);
        specs.add(s);
        for (String kind : List.of("FUNCTION", "PROJECT", "GENERAL")) {
            s = new Spec();
            s.kind = kind;
            specs.add(s);
        }
        for (OverflowMode mode : OverflowMode.values()) {
            s = new Spec();
            s.overflow = mode.name();
            specs.add(s);
        }
        for (Spec spec : specs) {
            Checked<Group> checked = spec.build().toGroup(repeat('g', Ids.MAX_LENGTH), POLICY, null);
            assertTrue(checked.isValid(), checked.violations()::toString);
        }
    }
}
