package io.headcount.packagecheck;

import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.MemberItems;
import io.headcount.adapters.Table;
import io.headcount.domain.ChatEvent;
import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.Member;
import io.headcount.domain.MemberStatus;
import io.headcount.domain.OverflowMode;
import io.headcount.domain.Policy;
import io.headcount.testing.Fixtures;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The part of the local run's demo org {@code demo} that infra/events acts on, written with the functions' own item
 * mapping: the group 华南市场拓展群 (me-huanan) with four seated members and a short conversation today, and 李明
 * (li.ming), market-expansion and in no group yet, who joins in join-check-join.json.
 */
final class DemoSlice {
    static final String ORG = "demo";
    static final String GROUP = "me-huanan";
    static final String JOINER = "li.ming";
    static final List<String> SEATED = List.of("xia.chunyan", "zheng.lin", "ren.yiming", "gong.tao");
    /** The org's time zone (the default policy's): "today" in the digests and scores. */
    static final ZoneId ZONE = ZoneId.of(Policy.DEFAULT.timeZone());
    /** Seeded messages, of which one question (answered) and two tagged contributions. */
    static final int MESSAGES = 4;

    private DemoSlice() {
    }

    static void seed(DynamoDbClient client, String tableName) {
        Table table = new Table(client, tableName);
        Fixtures fx = new Fixtures(table, client);
        table.put(new HashMap<>(Keys.orgListing(ORG).toMap()));
        Group group = new Group(GROUP, "华南市场拓展群", GroupKind.FUNCTION, "market-expansion", 15, 5,
                List.of("xia.chunyan"), SEATED.size(), 0, GroupStatus.ACTIVE, null, OverflowMode.REDIRECT,
                "欢迎 {name} 加入！本群聊市场拓展：线索、渠道、竞品。发言请以【话题】开头。", null);
        table.put(GroupItems.item(ORG, group)); // a whole item: its seat counter agrees with the seats below
        Map<String, String> names = Map.of("xia.chunyan", "夏春燕", "zheng.lin", "郑琳", "ren.yiming", "任一鸣",
                "gong.tao", "龚涛", JOINER, "李明");
        names.forEach((userId, name) -> table.update(MemberItems.upsert(ORG, new Member(userId, name,
                "market-expansion", List.of(), MemberStatus.ACTIVE, Map.of(), SEATED.contains(userId) ? 1 : 0))));
        SEATED.forEach(userId -> fx.seat(ORG, GROUP, userId));

        // Minutes apart, all earlier than now and within today in the org's zone.
        Instant now = Instant.now();
        Instant startOfDay = LocalDate.now(ZONE).atStartOfDay(ZONE).toInstant();
        Instant first = now.minusSeconds(40 * 60).isBefore(startOfDay) ? startOfDay : now.minusSeconds(40 * 60);
        long step = Math.max(1, (now.getEpochSecond() - first.getEpochSecond()) / (MESSAGES + 1));
        say(fx, "seed-1", "ren.yiming", first, "【求助】华南这家连锁超市的采购负责人是谁？", null);
        say(fx, "seed-2", "xia.chunyan", first.plusSeconds(step), "是陈经理，我把联系方式私信给你", "seed-1");
        say(fx, "seed-3", "gong.tao", first.plusSeconds(2 * step), "【客户反馈】客户觉得新品的陈列方案太复杂", null);
        say(fx, "seed-4", "zheng.lin", first.plusSeconds(3 * step), "【案例分享】佛山门店用了简化陈列后，周销量涨了一成", null);
    }

    private static void say(Fixtures fx, String id, String userId, Instant at, String text, String replyTo) {
        fx.message(ORG, new ChatEvent("api", ChatEvent.Kind.MESSAGE, id, GROUP, userId, at, text, false, replyTo,
                List.of(), null), Policy.DEFAULT);
    }
}
