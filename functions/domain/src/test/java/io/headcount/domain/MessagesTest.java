package io.headcount.domain;

import static io.headcount.domain.Fixtures.group;
import static io.headcount.domain.Fixtures.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class MessagesTest {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final int MAX_GROUPS = 5;

    private static final Group REQUESTED = group("east-cm").name("华东客户维护群").cap(15).full()
            .welcome("欢迎 {name} 加入华东群！").build();
    private static final Group SIBLING = group("east-cm-2").name("华东客户维护群 2").overflowOf("east-cm")
            .welcome("Hi {name}, welcome to number 2").build();
    private static final Member MEMBER = member("li-lei").name("李雷").build();

    /** Every decision the domain can produce, with the group the member ends up in (or the requested one). */
    static Stream<Arguments> decisions() {
        List<Arguments> all = new ArrayList<>();
        for (Language language : Language.values()) {
            all.add(Arguments.of(language, Decision.admitted("east-cm"), REQUESTED));
            all.add(Arguments.of(language, Decision.alreadyMember("east-cm"), REQUESTED));
            all.add(Arguments.of(language, Decision.redirected("east-cm-2"), SIBLING));
            all.add(Arguments.of(language, Decision.overflowOpened(SIBLING), SIBLING));
            all.add(Arguments.of(language, Decision.waitlisted("east-cm", 3), REQUESTED));
            for (DenialReason reason : DenialReason.values()) {
                all.add(Arguments.of(language, Decision.denied("east-cm", reason), REQUESTED));
            }
        }
        return all.stream();
    }

    @Test
    void tableCoversEveryOutcomeAndReason() {
        long combinations = Outcome.values().length - 1 + DenialReason.values().length;
        assertEquals(combinations * Language.values().length, decisions().count());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("decisions")
    void everyDecisionHasAMessageInEveryLanguage(Language language, Decision decision, Group seated) {
        String text = Messages.forDecision(decision, language, REQUESTED, seated, MEMBER, MAX_GROUPS);

        assertFalse(text == null || text.isBlank(), "blank message for " + decision);
        assertFalse(text.contains("null"), text);
        assertFalse(text.contains("{name}"), text);
        if (language == Language.ZH_CN) {
            assertTrue(HAN.matcher(text).find(), "no Chinese in: " + text);
            assertTrue(text.contains(seated.name()) || text.contains(REQUESTED.name()), "no group name in: " + text);
        }
    }

    static Stream<Arguments> zhDecisions() {
        return decisions().filter(a -> a.get()[0] == Language.ZH_CN);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("zhDecisions")
    void zhMessageNamesTheRequestedGroup(Language language, Decision decision, Group seated) {
        assertEquals(Language.ZH_CN, language);
        String text = Messages.forDecision(decision, language, REQUESTED, seated, MEMBER, MAX_GROUPS);
        assertTrue(text.contains("「华东客户维护群"), "requested group not named in: " + text);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DenialReason.class)
    void everyDenialSaysSomethingDifferent(DenialReason reason) {
        for (Language language : Language.values()) {
            String text = Messages.forDecision(Decision.denied("east-cm", reason), language, REQUESTED, REQUESTED,
                    MEMBER, MAX_GROUPS);
            for (DenialReason other : DenialReason.values()) {
                if (other != reason) {
                    String otherText = Messages.forDecision(Decision.denied("east-cm", other), language, REQUESTED,
                            REQUESTED, MEMBER, MAX_GROUPS);
                    assertFalse(text.equals(otherText), reason + " and " + other + " read the same");
                }
            }
        }
    }

    @Test
    void englishMessagesHaveNoChinese() {
        decisions().filter(a -> a.get()[0] == Language.EN).forEach(a -> {
            Decision d = (Decision) a.get()[1];
            Group seated = (Group) a.get()[2];
            Group requested = group("east-cm").name("East customers").cap(15).full().build();
            Group target = group(seated.groupId()).name("East customers 2").welcome("Welcome, {name}!").build();
            String text = Messages.forDecision(d, Language.EN, requested, d.outcome() == Outcome.REDIRECTED
                    || d.outcome() == Outcome.OVERFLOW_OPENED ? target : requested, MEMBER, MAX_GROUPS);
            String withoutName = text.replace(MEMBER.name(), "");
            assertFalse(HAN.matcher(withoutName).find(), "Chinese in English message: " + text);
        });
    }

    @Test
    void waitlistMessageGivesThePosition() {
        Decision d = Decision.waitlisted("east-cm", 7);
        assertTrue(Messages.forDecision(d, Language.ZH_CN, REQUESTED, REQUESTED, MEMBER, 5).contains("7"));
        assertTrue(Messages.forDecision(d, Language.EN, REQUESTED, REQUESTED, MEMBER, 5).contains("number 7"));
    }

    @Test
    void groupFullMessageGivesTheCap() {
        Decision d = Decision.denied("east-cm", DenialReason.GROUP_FULL);
        assertTrue(Messages.forDecision(d, Language.ZH_CN, REQUESTED, REQUESTED, MEMBER, 5).contains("15"));
        assertTrue(Messages.forDecision(d, Language.EN, REQUESTED, REQUESTED, MEMBER, 5).contains("cap 15"));
    }

    @Test
    void tooManyGroupsMessageGivesTheLimit() {
        Decision d = Decision.denied("east-cm", DenialReason.TOO_MANY_GROUPS);
        assertTrue(Messages.forDecision(d, Language.ZH_CN, REQUESTED, REQUESTED, MEMBER, 8).contains("8"));
        assertTrue(Messages.forDecision(d, Language.EN, REQUESTED, REQUESTED, MEMBER, 8).contains("8 groups"));
    }

    @Test
    void redirectNamesBothGroups() {
        String text = Messages.forDecision(Decision.redirected("east-cm-2"), Language.ZH_CN, REQUESTED, SIBLING,
                MEMBER, 5);
        assertTrue(text.contains("「华东客户维护群」"), text);
        assertTrue(text.contains("「华东客户维护群 2」"), text);
    }

    @Test
    void admittedMemberGetsTheWelcomeWithTheirName() {
        Group g = group("east-cm").name("华东客户维护群").welcome("欢迎 {name} 加入华东群！").build();
        String zh = Messages.forDecision(Decision.admitted("east-cm"), Language.ZH_CN, g, g, MEMBER, 5);
        String en = Messages.forDecision(Decision.admitted("east-cm"), Language.EN, g, g, MEMBER, 5);

        assertTrue(zh.endsWith("欢迎 李雷 加入华东群！"), zh);
        assertTrue(en.endsWith(" 欢迎 李雷 加入华东群！"), en);
        assertFalse(zh.contains("{name}"));
    }

    @Test
    void redirectedOrOpenedMemberGetsTheWelcomeOfTheGroupTheyLandIn() {
        String redirected = Messages.forDecision(Decision.redirected("east-cm-2"), Language.EN, REQUESTED, SIBLING,
                MEMBER, 5);
        String opened = Messages.forDecision(Decision.overflowOpened(SIBLING), Language.EN, REQUESTED, SIBLING,
                MEMBER, 5);
        for (String text : List.of(redirected, opened)) {
            assertTrue(text.endsWith(" Hi 李雷, welcome to number 2"), text);
            assertFalse(text.contains("加入华东群"), "welcome of the full group used: " + text);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("decisions")
    void welcomeOnlyWhenASeatIsGiven(Language language, Decision decision, Group seated) {
        String text = Messages.forDecision(decision, language, REQUESTED, seated, MEMBER, MAX_GROUPS);
        String welcome = Messages.welcome(seated.welcome(), MEMBER);

        assertEquals(decision.outcome().seats(), text.contains(welcome), text);
        assertEquals(decision.outcome().seats(), text.contains(MEMBER.name()), text);
    }

    @Test
    void onlyAdmittedRedirectedAndOpenedGiveASeat() {
        for (Outcome outcome : Outcome.values()) {
            boolean seats = outcome == Outcome.ADMITTED || outcome == Outcome.REDIRECTED
                    || outcome == Outcome.OVERFLOW_OPENED;
            assertEquals(seats, outcome.seats(), outcome.name());
        }
    }

    @Test
    void noWelcomeTextMeansJustTheSentence() {
        for (String none : new String[] {null, "", "  "}) {
            Group g = group("east-cm").name("华东客户维护群").welcome(none).build();
            assertEquals("欢迎加入「华东客户维护群」。",
                    Messages.forDecision(Decision.admitted("east-cm"), Language.ZH_CN, g, g, MEMBER, 5));
            assertEquals("Welcome to 华东客户维护群.",
                    Messages.forDecision(Decision.admitted("east-cm"), Language.EN, g, g, MEMBER, 5));
        }
    }

    @Test
    void welcomeReplacesEveryPlaceholder() {
        assertEquals("李雷, 李雷!", Messages.welcome("{name}, {name}!", MEMBER));
        assertEquals("没有占位符", Messages.welcome("没有占位符", MEMBER));
        assertEquals("欢迎 ！", Messages.welcome("欢迎 {name}！", null));
        assertEquals("{Name} 李雷", Messages.welcome("{Name} {name}", MEMBER));
    }

    @Test
    void unknownMemberMessageNeedsNoMember() {
        Decision d = Decision.denied("east-cm", DenialReason.UNKNOWN_MEMBER);
        for (Language language : Language.values()) {
            String text = Messages.forDecision(d, language, REQUESTED, REQUESTED, null, 5);
            assertFalse(text.isBlank());
        }
    }
}
