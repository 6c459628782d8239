package io.headcount.domain;

import static io.headcount.domain.Fixtures.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MemberSpecTest {

    private static final String USER = "li-lei";

    /** A valid spec; each invalid case changes one thing. */
    private static final class Spec {
        String name = "李雷";
        String function = "customer-maintenance";
        List<String> projects = List.of("p-east", "p-42");
        Map<String, String> platformUserIds = Map.of("slack", "U024BE7LH", "feishu", "ou_7d8a6e6df7621556ce0d21922b676706ccs");
        String status;

        MemberSpec build() {
            return new MemberSpec(name, function, projects, platformUserIds, status);
        }
    }

    private interface Change {
        void apply(Spec s);
    }

    private static Arguments invalid(String label, Change change, String field) {
        return invalid(label, USER, change, field);
    }

    private static Arguments invalid(String label, String userId, Change change, String field) {
        Spec s = new Spec();
        change.apply(s);
        return Arguments.of(label, s.build(), userId, field);
    }

    private static List<String> projects(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "p-" + i).collect(Collectors.toList());
    }

    private static Map<String, String> platformIds(String platform, String id) {
        Map<String, String> ids = new HashMap<>();
        ids.put(platform, id);
        return ids;
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                invalid("missing name", s -> s.name = null, "name"),
                invalid("empty name", s -> s.name = "", "name"),
                invalid("blank name", s -> s.name = "   ", "name"),
                invalid("101-character name", s -> s.name = repeat('李', 101), "name"),
                invalid("control character in name", s -> s.name = "李\u0000雷", "name"),
                invalid("carriage return in name", s -> s.name = "Li\rLei", "name"),
                invalid("missing function", s -> s.function = null, "function"),
                invalid("empty function", s -> s.function = "", "function"),
                invalid("function with a space", s -> s.function = "after sales", "function"),
                invalid("Chinese function", s -> s.function = "售后", "function"),
                invalid("65-character function", s -> s.function = repeat('f', 65), "function"),
                invalid("51 projects", s -> s.projects = projects(MemberSpec.MAX_PROJECTS + 1), "projects"),
                invalid("invalid project id", s -> s.projects = List.of("p/1"), "projects[0]"),
                invalid("second project invalid", s -> s.projects = List.of("p-1", "p#2"), "projects[1]"),
                invalid("null project", s -> s.projects = Arrays.asList("p-1", null), "projects[1]"),
                invalid("repeated project", s -> s.projects = List.of("p-1", "p-2", "p-1"), "projects"),
                invalid("unknown platform key", s -> s.platformUserIds = Map.of("whatsapp", "123"),
                        "platformUserIds.whatsapp"),
                invalid("platform key in the wrong case", s -> s.platformUserIds = Map.of("Slack", "U1"),
                        "platformUserIds.Slack"),
                invalid("blank platform id", s -> s.platformUserIds = Map.of("slack", "  "), "platformUserIds.slack"),
                invalid("empty platform id", s -> s.platformUserIds = Map.of("feishu", ""), "platformUserIds.feishu"),
                invalid("null platform id", s -> s.platformUserIds = platformIds("dingtalk", null),
                        "platformUserIds.dingtalk"),
                invalid("platform id too long", s -> s.platformUserIds = Map.of("wecom", repeat('w', 129)),
                        "platformUserIds.wecom"),
                invalid("control character in platform id", s -> s.platformUserIds = Map.of("slack", "U1\n\u0000"),
                        "platformUserIds.slack"),
                invalid("unknown status", s -> s.status = "RETIRED", "status"),
                invalid("status in lower case", s -> s.status = "left", "status"),
                invalid("empty status", s -> s.status = "", "status"),
                invalid("invalid userId", "li lei", s -> { }, "userId"),
                invalid("missing userId", null, s -> { }, "userId"),
                invalid("empty userId", "", s -> { }, "userId"),
                invalid("65-character userId", repeat('u', 65), s -> { }, "userId"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("invalidSpecs")
    void invalidSpecNamesTheField(String label, MemberSpec spec, String userId, String field) {
        Checked<Member> checked = spec.toMember(userId, null);

        assertFalse(checked.isValid(), label);
        assertNull(checked.value(), label);
        Set<String> fields = checked.violations().stream().map(Violation::field).collect(Collectors.toSet());
        assertTrue(fields.contains(field), label + ": expected " + field + " in " + checked.violations());
        assertTrue(checked.violations().stream().allMatch(v -> !v.problem().isBlank()), label);
    }

    @Test
    void theBaseSpecOfTheTableIsValid() {
        Checked<Member> checked = new Spec().build().toMember(USER, null);
        assertTrue(checked.isValid(), checked.violations()::toString);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        MemberSpec spec = new MemberSpec(null, "售后", List.of("p 1"), Map.of("icq", "1"));
        Set<String> fields = spec.toMember("bad id", null).violations().stream().map(Violation::field)
                .collect(Collectors.toSet());
        assertEquals(Set.of("userId", "name", "function", "projects[0]", "platformUserIds.icq"), fields);
    }

    @Test
    void newMemberIsActiveWithNoSeats() {
        Member m = new Spec().build().toMember(USER, null).value();

        assertEquals(USER, m.userId());
        assertEquals("李雷", m.name());
        assertEquals("customer-maintenance", m.function());
        assertEquals(List.of("p-east", "p-42"), m.projects());
        assertEquals("U024BE7LH", m.platformUserIds().get("slack"));
        assertEquals(MemberStatus.ACTIVE, m.status());
        assertEquals(0, m.groupCount());
    }

    @Test
    void projectsAndPlatformIdsAreOptional() {
        Member m = new MemberSpec("李雷", "after-sales", null, null).toMember(USER, null).value();
        assertEquals(List.of(), m.projects());
        assertEquals(Map.of(), m.platformUserIds());
    }

    @Test
    void updateCarriesOverStatusAndSeatCount() {
        Member existing = new Member(USER, "Old", "after-sales", List.of(), MemberStatus.LEFT, Map.of(), 3);
        Member m = new Spec().build().toMember(USER, existing).value();

        assertEquals(MemberStatus.LEFT, m.status());
        assertEquals(3, m.groupCount());
        assertEquals("customer-maintenance", m.function(), "the spec's fields replace the old ones");
    }

    @Test
    void aGivenStatusReplacesTheOldOneAndTheSeatCountStays() {
        Member existing = new Member(USER, "Old", "after-sales", List.of(), MemberStatus.ACTIVE, Map.of(), 3);
        Spec s = new Spec();
        s.status = "LEFT";
        Member left = s.build().toMember(USER, existing).value();
        assertEquals(MemberStatus.LEFT, left.status());
        assertEquals(3, left.groupCount());

        s.status = "ACTIVE";
        Member back = s.build().toMember(USER, new Member(USER, "Old", "after-sales", List.of(), MemberStatus.LEFT,
                Map.of(), 1)).value();
        assertEquals(MemberStatus.ACTIVE, back.status());
        assertEquals(1, back.groupCount());
    }

    @Test
    void aNewMemberMayStartAsLeft() {
        Spec s = new Spec();
        s.status = "LEFT";
        assertEquals(MemberStatus.LEFT, s.build().toMember(USER, null).value().status());
    }

    @Test
    void nameIsStripped() {
        Spec s = new Spec();
        s.name = "  李雷  ";
        assertEquals("李雷", s.build().toMember(USER, null).value().name());
    }

    @Test
    void boundaryValuesAreValid() {
        Spec s = new Spec();
        s.name = repeat('李', GroupSpec.MAX_NAME);
        s.function = repeat('f', Ids.MAX_LENGTH);
        s.projects = projects(MemberSpec.MAX_PROJECTS);
        s.platformUserIds = Map.of("slack", "U024BE7LH", "feishu", "ou_1", "dingtalk", "manager4521",
                "wecom", repeat('w', GroupSpec.MAX_PLATFORM_ID));
        Checked<Member> checked = s.build().toMember(repeat('u', Ids.MAX_LENGTH), null);

        assertTrue(checked.isValid(), checked.violations()::toString);
        assertEquals(MemberSpec.MAX_PROJECTS, checked.value().projects().size());
        assertEquals(4, checked.value().platformUserIds().size());
    }
}
